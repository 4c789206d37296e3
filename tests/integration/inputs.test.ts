import { beforeAll, describe, expect, it } from "vitest";
import { upsertReplies } from "@/lib/ingest/replies";
import { pseudonymise } from "@/lib/crypto";
import { InputNotFoundError, InvalidMoveError, StaleUpdateError } from "@/lib/inputs/errors";
import { inputErrorMessage } from "@/lib/intl/inputErrors";
import { linkInput, moveLink } from "@/lib/inputs/links";
import { addKeywordRule, applyKeywordRules } from "@/lib/inputs/rules";
import { setRetentionMonths } from "@/lib/inputs/settings";
import { eraseSubject, exportSubject } from "@/lib/inputs/subject";
import { triageReply } from "@/lib/inputs/triage";
import { ensureWorkItem, updateWorkItem } from "@/lib/inputs/workItems";
import { runRetention } from "@/jobs/retention";
import { runSuggestInputs } from "@/jobs/suggestInputs";
import { getInboxReplies } from "@/lib/queries/getInboxReplies";
import { getInputOutcome } from "@/lib/queries/getInputOutcome";
import { getInputTrail } from "@/lib/queries/getInputTrail";
import { getOutcomeByWorkItem } from "@/lib/queries/getOutcomeByWorkItem";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const KEY = "3c".repeat(32);
const alice = { userId: "u-alice", label: "Alice" };
const bob = { userId: "u-bob", label: "Bob" };
const ids = { a: "", b: "", accA: "", accB: "" };

async function reply(agency: "a" | "b", id: string, text: string, at: string, author = "kari_12"): Promise<string> {
  const agencyId = ids[agency];
  const accountId = agency === "a" ? ids.accA : ids.accB;
  await upsertReplies(
    t.db,
    [
      {
        agencyId,
        accountId,
        platformReplyId: id,
        authorHandle: author,
        text,
        publishedAt: new Date(at),
        permalink: `https://x.com/x/status/${id}`,
      },
    ],
    KEY,
  );
  return (await t.db.reply.findFirstOrThrow({ where: { agencyId, platformReplyId: id } })).id;
}

async function inputLinkedTo(agency: "a" | "b", id: string, at = "2026-10-01T10:00:00Z") {
  const replyId = await reply(agency, id, `Innspill ${id}`, at);
  await triageReply(t.db, ids[agency], replyId, { state: "input", kind: "suggestion" }, 0, alice);
  const item = await ensureWorkItem(t.db, ids[agency], { title: "Samhandlingsreformen", caseNumber: "10/1234" });
  const { linkId } = await linkInput(t.db, ids[agency], { replyId, workItemId: item.id }, alice);
  return { replyId, linkId, workItemId: item.id };
}

beforeAll(async () => {
  for (const k of ["a", "b"] as const) {
    const agency = await t.db.agency.create({ data: { slug: `agency-${k}`, name: `Agency ${k}` } });
    const account = await t.db.account.create({
      data: { agencyId: agency.id, platform: "twitter", handle: `acc${k}`, displayName: `Acc ${k}` },
    });
    ids[k] = agency.id;
    ids[k === "a" ? "accA" : "accB"] = account.id;
  }
});

describe("status flow with its trail", () => {
  it("moves step by step, refuses skipped steps and declines without a reason, and records every move", async () => {
    const { linkId, workItemId } = await inputLinkedTo("a", "flow-1");
    await expect(
      moveLink(t.db, ids.a, { linkId, to: "implemented", expectedVersion: 1 }, alice),
    ).rejects.toBeInstanceOf(InvalidMoveError);
    await expect(
      moveLink(t.db, ids.a, { linkId, to: "declined", expectedVersion: 1, reason: "  " }, alice),
    ).rejects.toThrow(/begrunnelse/);
    let v = 1;
    for (const to of ["under_review", "forwarded", "incorporated", "implemented"] as const) {
      v = (await moveLink(t.db, ids.a, { linkId, to, expectedVersion: v, note: `til ${to}` }, bob)).version;
    }
    const link = await t.db.inputLink.findUniqueOrThrow({ where: { id: linkId } });
    expect([link.status, link.version]).toEqual(["implemented", 5]);
    expect(link.decidedAt).not.toBeNull();
    const trail = await getInputTrail(t.db, ids.a, workItemId);
    const mine = trail.filter((m) => m.linkId === linkId);
    expect(mine.map((m) => [m.from, m.to])).toEqual([
      [null, "received"],
      ["received", "under_review"],
      ["under_review", "forwarded"],
      ["forwarded", "incorporated"],
      ["incorporated", "implemented"],
    ]);
    expect(mine.at(-1)).toMatchObject({ actorLabel: "Bob", note: "til implemented", caseNumber: "10/1234" });
    await expect(
      moveLink(t.db, ids.a, { linkId, to: "declined", expectedVersion: 5, reason: "for sent" }, alice),
    ).rejects.toBeInstanceOf(InvalidMoveError);
  });

  it("keeps the trail append-only in the database itself", async () => {
    const row = await t.db.inputMove.findFirstOrThrow({ where: { agencyId: ids.a } });
    await expect(t.db.inputMove.update({ where: { id: row.id }, data: { note: "rewritten" } })).rejects.toThrow(
      /append-only/,
    );
  });

  it("tells a person why a change was refused in their language, whatever the logs say", async () => {
    const { linkId } = await inputLinkedTo("a", "flow-lang");
    const skipped = await moveLink(t.db, ids.a, { linkId, to: "implemented", expectedVersion: 1 }, alice).catch(
      (e: unknown) => e,
    );
    expect(inputErrorMessage(skipped, "sv")).toBe(
      "Kan inte flytta från ”Mottagen” till ”Genomförd”: stegen måste tas i ordning.",
    );
    const noReason = await moveLink(t.db, ids.a, { linkId, to: "declined", expectedVersion: 1 }, alice).catch(
      (e: unknown) => e,
    );
    expect(inputErrorMessage(noReason, "en")).toBe("Give a reason when declining an input.");
  });

  it("will not link a reply nobody marked as an input", async () => {
    const replyId = await reply("a", "unmarked", "Bare en kommentar", "2026-10-02T10:00:00Z");
    const item = await ensureWorkItem(t.db, ids.a, { title: "Samhandlingsreformen" });
    await expect(linkInput(t.db, ids.a, { replyId, workItemId: item.id }, alice)).rejects.toThrow(/Marker svaret/);
  });
});

describe("concurrent edits", () => {
  it("lets exactly one of two stale moves win and tells the other in Norwegian, losing nothing", async () => {
    const { linkId } = await inputLinkedTo("a", "race-1");
    const results = await Promise.allSettled([
      moveLink(t.db, ids.a, { linkId, to: "under_review", expectedVersion: 1, note: "Alice" }, alice),
      moveLink(t.db, ids.a, { linkId, to: "declined", expectedVersion: 1, reason: "Bob mener nei" }, bob),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(StaleUpdateError);
    expect(lost.reason.message).toMatch(/Noen andre har endret/);
    const moves = await t.db.inputMove.count({ where: { linkId } });
    expect(moves).toBe(2); // the link and the one winning move
    const link = await t.db.inputLink.findUniqueOrThrow({ where: { id: linkId } });
    expect(link.version).toBe(2);
  });

  it("guards triage decisions the same way", async () => {
    const replyId = await reply("a", "race-2", "Hva med legevakten?", "2026-10-03T10:00:00Z");
    const results = await Promise.allSettled([
      triageReply(t.db, ids.a, replyId, { state: "input", kind: "question" }, 0, alice),
      triageReply(t.db, ids.a, replyId, { state: "dismissed" }, 0, bob),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(
      StaleUpdateError,
    );
  });

  it("guards work item edits: a stale version changes nothing", async () => {
    const { id } = await ensureWorkItem(t.db, ids.a, { title: "Forskrift om legevakt", owner: "Avd. A" });
    expect(await updateWorkItem(t.db, ids.a, id, { owner: "Avd. B", status: "active" }, 1)).toEqual({ version: 2 });
    await expect(updateWorkItem(t.db, ids.a, id, { owner: "Avd. C", status: "completed" }, 1)).rejects.toBeInstanceOf(
      StaleUpdateError,
    );
    await expect(updateWorkItem(t.db, ids.b, id, { owner: "Avd. C" }, 2)).rejects.toBeInstanceOf(InputNotFoundError);
    const row = await t.db.workItem.findUniqueOrThrow({ where: { id } });
    expect([row.owner, row.status, row.version]).toEqual(["Avd. B", "active", 2]);
  });
});

describe("scoping", () => {
  it("treats another agency's input, link and work item as not found", async () => {
    const b = await inputLinkedTo("b", "b-1");
    await expect(triageReply(t.db, ids.a, b.replyId, { state: "dismissed" }, 1, alice)).rejects.toBeInstanceOf(
      InputNotFoundError,
    );
    await expect(
      moveLink(t.db, ids.a, { linkId: b.linkId, to: "under_review", expectedVersion: 1 }, alice),
    ).rejects.toBeInstanceOf(InputNotFoundError);
    const a = await reply("a", "a-for-b", "Innspill", "2026-10-04T10:00:00Z");
    await triageReply(t.db, ids.a, a, { state: "input" }, 0, alice);
    await expect(linkInput(t.db, ids.a, { replyId: a, workItemId: b.workItemId }, alice)).rejects.toBeInstanceOf(
      InputNotFoundError,
    );
    const inbox = await getInboxReplies(t.db, { agencyId: ids.a, timeZone: "Europe/Oslo", status: "all", limit: 200 });
    expect(inbox.rows.some((r) => r.id === b.replyId)).toBe(false);
    const link = await t.db.inputLink.findUniqueOrThrow({ where: { id: b.linkId } });
    expect([link.status, link.version]).toEqual(["received", 1]);
  });
});

describe("keyword rules", () => {
  it("pre-label undecided replies as suggested, never overriding a person, and a person confirms", async () => {
    const r1 = await reply("b", "kw-1", "Fastlegeordningen i Øksnes må bli bedre", "2026-10-05T10:00:00Z");
    const r2 = await reply("b", "kw-2", "Takk for svar", "2026-10-05T11:00:00Z");
    await addKeywordRule(t.db, ids.b, "Fastlege", "complaint");
    expect(await applyKeywordRules(t.db, ids.b)).toBe(1);
    const suggested = await getInboxReplies(t.db, { agencyId: ids.b, timeZone: "Europe/Oslo", status: "suggested" });
    expect(suggested.rows.map((r) => [r.id, r.triage?.matchedRule])).toEqual([[r1, "fastlege"]]);
    expect(await applyKeywordRules(t.db, ids.b)).toBe(0);
    await triageReply(t.db, ids.b, r1, { state: "input", kind: "complaint" }, 0, alice);
    const confirmed = await t.db.replyTriage.findFirstOrThrow({ where: { replyId: r1 } });
    expect([confirmed.state, confirmed.decidedBy]).toEqual(["input", "Alice"]);
    expect(await t.db.replyTriage.count({ where: { replyId: r2 } })).toBe(0);
  });

  it("label newly collected replies on the scheduled run, looking back only a couple of weeks", async () => {
    const fresh = await reply("b", "kw-3", "Legevakten og fastlegene må samarbeide bedre", "2026-11-20T10:00:00Z");
    const old = await reply("b", "kw-4", "Fastlegen min er borte", "2026-09-01T10:00:00Z");
    expect(await runSuggestInputs(t.db, new Date("2026-11-23T12:00:00Z"))).toBe(1);
    expect((await t.db.replyTriage.findFirstOrThrow({ where: { replyId: fresh } })).state).toBe("suggested");
    expect(await t.db.replyTriage.count({ where: { replyId: old } })).toBe(0);
  });
});

describe("retention job with a moved clock", () => {
  it("deletes unlinked replies past the agency's retention and keeps linked ones", async () => {
    const old = await reply("b", "ret-old", "Gammelt svar", "2025-01-10T10:00:00Z");
    const oldInput = await reply("b", "ret-old-input", "Gammelt innspill uten kobling", "2025-01-10T10:00:00Z");
    await triageReply(t.db, ids.b, oldInput, { state: "input" }, 0, alice);
    const linked = await inputLinkedTo("b", "ret-linked", "2025-01-10T10:00:00Z");
    const fresh = await reply("b", "ret-fresh", "Nytt svar", "2025-12-01T10:00:00Z");

    await runRetention(t.db, new Date("2025-12-15T00:00:00Z")); // 11 months on: nothing expires
    expect(await t.db.reply.count({ where: { id: { in: [old, oldInput, linked.replyId, fresh] } } })).toBe(4);

    const results = await runRetention(t.db, new Date("2026-02-01T00:00:00Z")); // past 12 months
    expect(results.find((r) => r.agencyId === ids.b)).toMatchObject({ retentionMonths: 12 });
    const left = await t.db.reply.findMany({
      where: { id: { in: [old, oldInput, linked.replyId, fresh] } },
      select: { id: true },
    });
    expect(left.map((r) => r.id).sort()).toEqual([linked.replyId, fresh].sort());

    await setRetentionMonths(t.db, ids.b, 1);
    await runRetention(t.db, new Date("2026-02-01T00:00:00Z"));
    expect(await t.db.reply.count({ where: { id: fresh } })).toBe(0);
    expect(await t.db.reply.count({ where: { id: linked.replyId } })).toBe(1);
  });
});

describe("subject access", () => {
  it("exports and erases everything one author handle left with this agency only", async () => {
    const handle = "Per_Hansen";
    const r = await reply("a", "subj-1", "Jeg heter Per og mener noe om fastleger", "2026-10-06T10:00:00Z", handle);
    await reply("b", "subj-other-agency", "Per hos en annen virksomhet", "2026-10-06T10:00:00Z", handle);
    await triageReply(t.db, ids.a, r, { state: "input", kind: "suggestion" }, 0, alice);
    const item = await ensureWorkItem(t.db, ids.a, { title: "Samhandlingsreformen" });
    const { linkId } = await linkInput(t.db, ids.a, { replyId: r, workItemId: item.id, note: "relevant" }, alice);
    await moveLink(t.db, ids.a, { linkId, to: "under_review", expectedVersion: 1 }, alice);

    const exported = await exportSubject(t.db, ids.a, " per_hansen ", KEY);
    expect(exported.authorHash).toBe(pseudonymise(handle, KEY));
    expect(exported.replies).toHaveLength(1);
    expect(exported.replies[0]).toMatchObject({
      text: "Jeg heter Per og mener noe om fastleger",
      triage: { state: "input" },
    });
    expect(exported.replies[0]!.links[0]!.moves.map((m) => m.to)).toEqual(["received", "under_review"]);

    expect(await eraseSubject(t.db, ids.a, handle, KEY)).toEqual({ erasedReplies: 1 });
    expect((await exportSubject(t.db, ids.a, handle, KEY)).replies).toEqual([]);
    expect(await t.db.inputLink.count({ where: { id: linkId } })).toBe(0);
    // The agency's record of what it did stays, without the person.
    const trail = await getInputTrail(t.db, ids.a, item.id);
    expect(trail.filter((m) => m.note === "relevant")).toMatchObject([
      { linkId: null, permalink: null, to: "received" },
    ]);
    expect((await exportSubject(t.db, ids.b, handle, KEY)).replies).toHaveLength(1);
  });
});

describe("outcome figures", () => {
  it("counts the funnel per channel and period and lists the inputs that shaped each work item", async () => {
    const agency = await t.db.agency.create({ data: { slug: "agency-c", name: "Agency c" } });
    const acc = await t.db.account.create({
      data: { agencyId: agency.id, platform: "twitter", handle: "accc", displayName: "c" },
    });
    const item = await ensureWorkItem(t.db, agency.id, { title: "Reformen" });
    const mk = async (id: string, at: string) => {
      await upsertReplies(
        t.db,
        [
          {
            agencyId: agency.id,
            accountId: acc.id,
            platformReplyId: id,
            authorHandle: id,
            text: id,
            publishedAt: new Date(at),
            permalink: `https://x.com/c/status/${id.replace(/\D/g, "")}`,
          },
        ],
        KEY,
      );
      return (await t.db.reply.findFirstOrThrow({ where: { agencyId: agency.id, platformReplyId: id } })).id;
    };
    const walk = async (
      replyId: string,
      to: ("under_review" | "forwarded" | "incorporated" | "declined")[],
      decidedAfterDays: number,
      at: string,
    ) => {
      await triageReply(t.db, agency.id, replyId, { state: "input" }, 0, alice);
      const { linkId } = await linkInput(t.db, agency.id, { replyId, workItemId: item.id }, alice);
      let v = 1;
      for (const s of to)
        v = (
          await moveLink(
            t.db,
            agency.id,
            { linkId, to: s, expectedVersion: v, reason: "nei" },
            alice,
            new Date(new Date(at).getTime() + decidedAfterDays * 86_400_000),
          )
        ).version;
    };
    const start = "2026-03-02T10:00:00Z";
    await walk(await mk("in-1", start), ["under_review", "forwarded", "incorporated"], 2, start);
    await walk(await mk("in-2", start), ["under_review", "forwarded", "incorporated"], 6, start);
    await walk(await mk("in-3", start), ["declined"], 10, start);
    await walk(await mk("in-4", start), [], 0, start);
    await triageReply(t.db, agency.id, await mk("in-5", start), { state: "input" }, 0, alice);
    await mk("plain", start);
    await mk("outside", "2026-05-01T10:00:00Z");

    const o = await getInputOutcome(t.db, {
      agencyId: agency.id,
      timeZone: "Europe/Oslo",
      from: "2026-03-01",
      to: "2026-03-31",
    });
    expect(o.total).toEqual({
      replies: 6,
      inputs: 5,
      linked: 4,
      reviewed: 3,
      forwarded: 2,
      reached: 2,
      implemented: 0,
      declined: 1,
      medianDaysToDecision: 6,
    });
    expect(o.channels).toHaveLength(1);
    expect(o.channels[0]).toMatchObject({ handle: "accc", inputs: 5, reached: 2 });
    const byItem = await getOutcomeByWorkItem(t.db, {
      agencyId: agency.id,
      timeZone: "Europe/Oslo",
      from: "2026-03-01",
      to: "2026-03-31",
    });
    expect(
      byItem[0]!.inputs
        .filter((i) => i.reached)
        .map((i) => i.permalink)
        .sort(),
    ).toEqual(["https://x.com/i/web/status/1", "https://x.com/i/web/status/2"]);
  });
});
