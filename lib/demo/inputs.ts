import type { Db } from "@/lib/db/client";
import type { LinkStatus } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions/access";
import { linkInput, moveLink } from "@/lib/inputs/links";
import { addKeywordRule, applyKeywordRules } from "@/lib/inputs/rules";
import { stepsTo } from "@/lib/inputs/statusMachine";
import { triageReply } from "@/lib/inputs/triage";
import { ensureWorkItem } from "@/lib/inputs/workItems";
import { setRetentionMonths } from "@/lib/inputs/settings";

const DAY = 86_400_000;
const ACTOR: Actor = { userId: null, label: "Kommunikasjonsenheten (demo)" };

// Replies in the demo texts that carry a suggestion, question or complaint worth the ministry's work.
const SUBSTANTIVE = [
  "små kommuner",
  "medfinansiering",
  "frisklivssentraler",
  "hjemmetjenesten",
  "én kontaktperson",
  "legevakten",
  "meldingsutveksling",
];
// Where each linked reply ends up by the time the demo is loaded, in turn.
const OUTCOMES: LinkStatus[] = [
  "implemented",
  "incorporated",
  "forwarded",
  "declined",
  "incorporated",
  "under_review",
  "received",
  "implemented",
  "incorporated",
];
const LINKED = 18;

/**
 * The Ministry of Health's Twitter replies around the Coordination Reform (2010–2011), some marked as
 * inputs and linked to the reform with moves through the statuses, plus recent inputs still waiting
 * — written through the product's own functions, idempotently.
 */
export async function loadDemoInputs(
  db: Db,
  agencyId: string,
  accountId: string,
  now: Date,
): Promise<{ inputs: number; links: number }> {
  const reform = await ensureWorkItem(db, agencyId, {
    title: "Samhandlingsreformen",
    owner: "Kommuneavdelingen",
    caseNumber: "10/1234",
    status: "active",
  });
  await ensureWorkItem(db, agencyId, {
    title: "Ny folkehelselov",
    owner: "Folkehelseavdelingen",
    caseNumber: "10/2871",
    status: "completed",
  });
  for (const k of ["samhandlingsreform", "fastlege", "legevakt", "medfinansiering"])
    await addKeywordRule(db, agencyId, k, "suggestion");
  // The demo's point is the 2010–2011 reform archive; with the default 12 months the first nightly
  // retention run would delete its unlinked replies. The ministry keeps 20 years instead.
  await setRetentionMonths(db, agencyId, 240);

  const candidates = await db.reply.findMany({
    where: {
      agencyId,
      accountId,
      publishedAt: { gte: new Date("2010-03-01T00:00:00Z"), lt: new Date("2012-01-01T00:00:00Z") },
      OR: SUBSTANTIVE.map((s) => ({ text: { contains: s } })),
    },
    orderBy: { platformReplyId: "asc" },
    select: { id: true, publishedAt: true, text: true },
  });
  // Spread the picks over the whole reform period rather than its first weeks.
  const stride = Math.max(1, Math.floor(candidates.length / (LINKED + 8)));
  const picked = candidates.filter((_, i) => i % stride === 0).slice(0, LINKED + 8);
  let inputs = 0;
  let links = 0;
  for (const [i, reply] of picked.entries()) {
    const decidedAt = new Date(reply.publishedAt.getTime() + DAY / 2);
    if (await markInput(db, agencyId, reply.id, reply.text.includes("?") ? "question" : "suggestion", decidedAt))
      inputs++;
    if (i >= LINKED) continue; // marked, not (yet) linked
    const { linkId, created } = await linkInput(
      db,
      agencyId,
      { replyId: reply.id, workItemId: reform.id, note: "Fra Twitter-svar" },
      ACTOR,
      new Date(officeHours(decidedAt.getTime() + DAY, i)),
    );
    if (!created) continue;
    links++;
    let version = 1;
    let at = officeHours(decidedAt.getTime() + DAY, i);
    const target = OUTCOMES[i % OUTCOMES.length]!;
    const steps =
      target === "declined" ? (["under_review", "declined"] as LinkStatus[]) : (stepsTo("received", target) ?? []);
    for (const to of steps) {
      at = officeHours(at + (4 + (i % 5) * 3) * DAY, i);
      const reason =
        to === "declined" ? "Gjelder spesialisthelsetjenesten og følges opp i sykehusplanen, ikke i reformen." : null;
      version = (
        await moveLink(
          db,
          agencyId,
          { linkId, to, expectedVersion: version, reason, note: noteFor(to) },
          ACTOR,
          new Date(at),
        )
      ).version;
    }
  }

  const recent = await db.reply.findMany({
    where: { agencyId, accountId, publishedAt: { gte: new Date(now.getTime() - 90 * DAY) } },
    orderBy: { platformReplyId: "asc" },
    select: { id: true, text: true, publishedAt: true },
    take: 400,
  });
  for (const r of recent.filter((r) => SUBSTANTIVE.some((s) => r.text.includes(s))).slice(0, 5)) {
    if (await markInput(db, agencyId, r.id, "suggestion", new Date(r.publishedAt.getTime() + DAY / 4))) inputs++;
  }
  for (const r of recent.filter((r) => r.text.startsWith("Takk for")).slice(0, 4)) {
    await triageOnce(db, agencyId, r.id, () => triageReply(db, agencyId, r.id, { state: "dismissed" }, 0, ACTOR));
  }
  await applyKeywordRules(db, agencyId);
  return { inputs, links };
}

/** The same day at a plausible working hour (UTC 07–12, i.e. 08–14 in Oslo), so the trail reads like a ministry's. */
function officeHours(ms: number, i: number): number {
  return Math.floor(ms / DAY) * DAY + (7 + (i % 6)) * 3_600_000 + ((i * 7) % 60) * 60_000;
}

function noteFor(to: LinkStatus): string | null {
  switch (to) {
    case "under_review":
      return "Tatt opp i prosjektgruppen.";
    case "forwarded":
      return "Sendt til arbeidsgruppen for kommunerollen.";
    case "incorporated":
      return "Innarbeidet i høringsnotatet.";
    case "implemented":
      return "Del av vedtatt lov/forskrift.";
    default:
      return null;
  }
}

async function markInput(
  db: Db,
  agencyId: string,
  replyId: string,
  kind: "question" | "suggestion",
  at: Date,
): Promise<boolean> {
  return triageOnce(db, agencyId, replyId, () =>
    triageReply(db, agencyId, replyId, { state: "input", kind }, 0, ACTOR, at),
  );
}

async function triageOnce(db: Db, agencyId: string, replyId: string, run: () => Promise<unknown>): Promise<boolean> {
  const existing = await db.replyTriage.findUnique({
    where: { agencyId_replyId: { agencyId, replyId } },
    select: { state: true },
  });
  if (existing && existing.state !== "suggested") return false;
  await run();
  return true;
}
