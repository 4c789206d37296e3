import { beforeAll, describe, expect, it } from "vitest";
import { GET as publicCsv } from "@/app/public/[slug]/data.csv/route";
import { GET as publicJson } from "@/app/public/[slug]/data.json/route";
import { getPublicTransparency, publicCsvRows } from "@/lib/public/transparency";
import { useTestDatabase } from "../helpers/testDb";
import { setConfig } from "../helpers/config";

const t = useTestDatabase();
const NOW = new Date("2026-11-20T12:00:00Z");
const TEXT = "Bussen til legevakten går for sjelden om natta";

beforeAll(async () => {
  setConfig({ DATABASE_URL: t.url });
  const agency = await t.db.agency.create({ data: { slug: "apen", name: "Åpen etat", publicPage: true } });
  await t.db.agency.create({ data: { slug: "lukket", name: "Lukket etat", locale: "sv" } });
  const account = await t.db.account.create({
    data: { agencyId: agency.id, platform: "facebook", handle: "apenetat", displayName: "Åpen etat" },
  });
  const item = await t.db.workItem.create({ data: { agencyId: agency.id, title: "Nattbuss til legevakten" } });
  for (const [i, status] of (["incorporated", "received", "declined"] as const).entries()) {
    const reply = await t.db.reply.create({
      data: {
        agencyId: agency.id,
        accountId: account.id,
        platformReplyId: `r${i}`,
        authorHash: `hash-${i}-abcdef`,
        authorDisplayName: `Kari Nordmann ${i}`,
        text: `${TEXT} (${i})`,
        publishedAt: new Date("2026-10-0" + (i + 1) + "T10:00:00Z"),
        permalink: `https://facebook.example/r${i}`,
      },
    });
    await t.db.replyTriage.create({ data: { agencyId: agency.id, replyId: reply.id, state: "input" } });
    await t.db.inputLink.create({ data: { agencyId: agency.id, replyId: reply.id, workItemId: item.id, status } });
  }
});

describe("the public transparency figures", () => {
  it("exist only for an agency that switched its page on", async () => {
    expect(await getPublicTransparency(t.db, "lukket", NOW)).toBeNull();
    expect(await getPublicTransparency(t.db, "finnes-ikke", NOW)).toBeNull();
    expect(await getPublicTransparency(t.db, "apen", NOW)).not.toBeNull();
  });

  it("count inputs per stage and per work item, holding no text, author or link of a citizen", async () => {
    const p = (await getPublicTransparency(t.db, "apen", NOW))!;
    expect(p.period).toMatchObject({ from: "2025-12-01", to: "2026-11-20" });
    expect(p.inputs).toMatchObject({ replies: 3, inputs: 3, linked: 3, reached: 1, declined: 1 });
    expect(p.workItems).toEqual([
      {
        title: "Nattbuss til legevakten",
        inputs: 3,
        byStatus: { received: 1, under_review: 0, forwarded: 0, incorporated: 1, implemented: 0, declined: 1 },
      },
    ]);
    const everything = JSON.stringify(p) + JSON.stringify(publicCsvRows(p));
    for (const secret of [TEXT, "Kari Nordmann", "hash-", "facebook.example"]) expect(everything).not.toContain(secret);
  });
});

describe("the public figures' downloads", () => {
  const ctx = (slug: string) => ({ params: Promise.resolve({ slug }) });

  it("refuse a closed or unknown page with the product's 404 body, in the address's language else bokmål", async () => {
    for (const route of [publicCsv, publicJson]) {
      for (const slug of ["lukket", "finnes-ikke"]) {
        const nb = await route(new Request(`http://x/public/${slug}/data`), ctx(slug));
        expect(nb.status).toBe(404);
        // A closed agency's own language would tell that it exists.
        expect(await nb.json()).toEqual({ error: "not_found", message: "Fant ikke det du ba om.", issues: [] });
        const en = await route(new Request(`http://x/public/${slug}/data?lang=en`), ctx(slug));
        expect(await en.json()).toEqual({ error: "not_found", message: "Not found.", issues: [] });
      }
    }
  });
});
