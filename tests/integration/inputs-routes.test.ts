import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as trail } from "@/app/api/agencies/[slug]/inputs/trail/route";
import { GET as subjectGet, POST as subject } from "@/app/api/agencies/[slug]/inputs/subject/route";
import { upsertReplies } from "@/lib/ingest/replies";
import { linkInput, moveLink } from "@/lib/inputs/links";
import { triageReply } from "@/lib/inputs/triage";
import { ensureWorkItem } from "@/lib/inputs/workItems";
import { createLocalUser, grantMembership } from "@/lib/auth/users";
import { useTestDatabase } from "../helpers/testDb";
import { setConfig } from "../helpers/config";

// The session is the sign-in code's business; here it is simply "this user is signed in".
const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

const t = useTestDatabase();
const KEY = "7e".repeat(32);
const actor = { userId: null, label: "Saksbehandler" };
const work: Record<string, string> = {};
const agencyIds: Record<string, string> = {};
const ctx = (slug: string) => ({ params: Promise.resolve({ slug }) });

beforeAll(async () => {
  setConfig({ DATABASE_URL: t.url, PSEUDONYMISATION_KEY: KEY });
  for (const slug of ["route-a", "route-b"]) {
    const agency = await t.db.agency.create({ data: { slug, name: slug } });
    const account = await t.db.account.create({
      data: { agencyId: agency.id, platform: "twitter", handle: `${slug}-acc`, displayName: slug },
    });
    await upsertReplies(
      t.db,
      [
        {
          agencyId: agency.id,
          accountId: account.id,
          platformReplyId: "r1",
          authorHandle: "ola_nordmann",
          text: `Innspill til ${slug}`,
          publishedAt: new Date("2026-09-01T08:00:00Z"),
          permalink: `https://x.com/${slug}/status/r1`,
        },
      ],
      KEY,
    );
    const reply = await t.db.reply.findFirstOrThrow({ where: { agencyId: agency.id } });
    await triageReply(t.db, agency.id, reply.id, { state: "input" }, 0, actor);
    const item = await ensureWorkItem(t.db, agency.id, { title: "Forskrift om fastleger", caseNumber: "26/77" });
    work[slug] = item.id;
    const { linkId } = await linkInput(
      t.db,
      agency.id,
      { replyId: reply.id, workItemId: item.id, note: '=HYPERLINK("http://evil")' },
      actor,
    );
    agencyIds[slug] = agency.id;
    await moveLink(
      t.db,
      agency.id,
      { linkId, to: "under_review", expectedVersion: 1, note: `vurdert; ${slug}` },
      actor,
    );
  }
});

beforeAll(async () => {
  // An admin of route-a only: route-b exists but is not theirs.
  const user = await createLocalUser(t.db, {
    email: "admin-a@etat.test",
    name: "Admin A",
    password: "et-langt-passord-2026",
  });
  await grantMembership(t.db, { userId: user.id, agencyId: agencyIds["route-a"]!, role: "admin" });
  session.user = { id: user.id, email: "admin-a@etat.test", name: "Admin A" };
});

describe("trail export", () => {
  it("is CSV for Norwegian Excel with this agency's moves only, formulas neutralised", async () => {
    const res = await trail(new Request("http://x/api/agencies/route-a/inputs/trail"), ctx("route-a"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM Excel needs for æ, ø, å
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3));
    const lines = body.trimEnd().split("\r\n");
    expect(lines[0]).toBe("tidspunkt;tidspunkt_utc;arbeid;saksnummer;kobling;lenke_til_svaret;fra;til;notat;utført_av");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`;Mottatt;"'=HYPERLINK(""http://evil"")";Saksbehandler`);
    expect(lines[2]).toContain(`;Mottatt;Til vurdering;"vurdert; route-a";Saksbehandler`);
    expect(body).not.toContain("route-b");
  });

  it("names its columns and statuses in the address's language, else in the agency's", async () => {
    const csvLines = async (url: string) => {
      const res = await trail(new Request(url), ctx("route-a"));
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3)).trimEnd().split("\r\n");
    };
    const en = await csvLines("http://x/t?lang=en");
    expect(en[0]).toBe("time;time_utc;work_item;case_number;link;link_to_reply;from;to;note;done_by");
    expect(en[1]).toContain(`;Received;"'=HYPERLINK(""http://evil"")";Saksbehandler`);
    expect(en[2]).toContain(`;Received;Under review;"vurdert; route-a";Saksbehandler`);
    await t.db.agency.update({ where: { id: agencyIds["route-a"]! }, data: { locale: "sv" } });
    try {
      const sv = await csvLines("http://x/t");
      expect(sv[0]).toBe(
        "tidpunkt;tidpunkt_utc;arbete;diarienummer;koppling;lank_till_svaret;fran;till;anteckning;utford_av",
      );
      expect(sv[2]).toContain(`;Mottaget;Under bedömning;`);
      expect((await csvLines("http://x/t?lang=nb"))[0]).toMatch(/^tidspunkt;/);
    } finally {
      await t.db.agency.update({ where: { id: agencyIds["route-a"]! }, data: { locale: "nb" } });
    }
  });

  it("answers 404 for an unknown agency or another agency's work item, 400 for a malformed id", async () => {
    expect((await trail(new Request("http://x/t"), ctx("finnes-ikke"))).status).toBe(404);
    expect((await trail(new Request("http://x/t"), ctx("route-b"))).status).toBe(404);
    expect((await trail(new Request(`http://x/t?workItem=${work["route-b"]}`), ctx("route-a"))).status).toBe(404);
    expect((await trail(new Request("http://x/t?workItem=1;DROP"), ctx("route-a"))).status).toBe(400);
  });
});

describe("subject export", () => {
  it("is refused to a viewer", async () => {
    const viewer = await createLocalUser(t.db, {
      email: "leser-a@etat.test",
      name: "Leser A",
      password: "et-langt-passord-2026",
    });
    await grantMembership(t.db, { userId: viewer.id, agencyId: agencyIds["route-a"]!, role: "viewer" });
    const admin = session.user;
    session.user = { id: viewer.id, email: "leser-a@etat.test", name: "Leser A" };
    try {
      const res = await subject(
        new Request("http://x/s", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ handle: "ola_nordmann" }),
        }),
        ctx("route-a"),
      );
      expect(res.status).toBe(404);
    } finally {
      session.user = admin;
    }
  });

  it("returns what this agency stores about one handle as a JSON download, and refuses a missing handle", async () => {
    const post = (body: unknown) =>
      new Request("http://x/s", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const res = await subject(post({ handle: "@Ola_Nordmann" }), ctx("route-a"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="innsyn-route-a-[0-9a-f]{8}\.json"$/);
    const data = await res.json();
    expect(data.replies.map((r: { text: string }) => r.text)).toEqual(["Innspill til route-a"]);
    expect(data.replies[0].links[0].moves.map((m: { to: string }) => m.to)).toEqual(["received", "under_review"]);
    expect((await subject(post({ handle: "" }), ctx("route-a"))).status).toBe(400);
    expect((await subject(post({ handle: "ola_nordmann" }), ctx("finnes-ikke"))).status).toBe(404);
    expect((await subject(post({ handle: "ola_nordmann" }), ctx("route-b"))).status).toBe(404);
    expect((await subjectGet(new Request("http://x/s"), ctx("route-b"))).status).toBe(404);
    expect((await subjectGet(new Request("http://x/s"), ctx("route-a"))).status).toBe(405);
  });

  it("refuses in the address's language, else the agency's, with the one error body", async () => {
    const post = (url: string, body: unknown) =>
      new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const en = await subject(post("http://x/s?lang=en", { handle: "" }), ctx("route-a"));
    expect(en.status).toBe(400);
    expect(await en.json()).toEqual({
      error: "invalid_parameters",
      message: "One or more parameters are invalid.",
      issues: [{ parameter: "handle", message: "Give the author's handle" }],
    });
    const get = await subjectGet(new Request("http://x/s?lang=en"), ctx("route-a"));
    expect(get.headers.get("allow")).toBe("POST");
    expect(await get.json()).toEqual({
      error: "method_not_allowed",
      message: "This address does not accept such requests.",
      issues: [{ parameter: null, message: "Use POST with the handle in the form" }],
    });
    await t.db.agency.update({ where: { id: agencyIds["route-a"]! }, data: { locale: "sv" } });
    try {
      const sv = await (await subject(post("http://x/s", { handle: "" }), ctx("route-a"))).json();
      expect(sv.message).toBe("En eller flera parametrar är ogiltiga.");
      expect(sv.issues[0].message).toBe("Ange författarens användarnamn (handle)");
      const nb = await (await subjectGet(new Request("http://x/s?lang=nb"), ctx("route-a"))).json();
      expect(nb.issues[0].message).toBe("Bruk POST med brukernavnet i skjemaet");
    } finally {
      await t.db.agency.update({ where: { id: agencyIds["route-a"]! }, data: { locale: "nb" } });
    }
  });
});
