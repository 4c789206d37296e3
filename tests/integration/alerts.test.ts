import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALERT_MAIL_QUEUE_OPTIONS,
  checkAlerts,
  checkAndQueueAlerts,
  createAlertMailQueue,
  startAlertMailWorkers,
} from "@/jobs/checkAlerts";
import { QUEUE_SCHEMA } from "@/jobs/queue";
import { saveAlertSetting } from "@/lib/alerts/settings";
import { createLocalUser, grantMembership } from "@/lib/auth/users";
import type { Db } from "@/lib/db/client";
import { addDays, localTimeToInstant, type Day } from "@/lib/time";
import { startSmtpCatcher } from "../helpers/smtpCatcher";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;

// Thursday 26 November 2026, 11:05 in Oslo: the last complete hour is 10:00–11:00 local (09:00–10:00 UTC).
const NOW = new Date("2026-11-26T10:05:00Z");
const SPIKE_HOUR = new Date("2026-11-26T09:00:00Z");
const TODAY: Day = "2026-11-26";
const CITIZEN_TEXT = "Borgerens egen tekst";
const CITIZEN_NAME = "Ola Borger";

type Scenario = { agencyId: string; ids: Record<string, string> };

/** A generated agency: steady channels with usual replies and growing audiences, and one of each trouble. */
async function generateAgency(db: Db, slug: string, locale: "nb" | "en"): Promise<Scenario> {
  const agency = await db.agency.create({ data: { slug, name: `Etat ${slug}`, locale } });
  const ids: Record<string, string> = {};
  for (const [handle, platform, status] of [
    ["spiky", "twitter", "active"],
    ["quiet", "twitter", "active"],
    ["newbie", "twitter", "active"],
    ["dropping", "facebook", "active"],
    ["gappy", "facebook", "active"],
    ["failing", "youtube", "active"],
    ["wobbly", "youtube", "active"],
    ["expired", "bluesky", "needs_reconnect"],
  ] as const) {
    ids[handle] = (
      await db.account.create({ data: { agencyId: agency.id, platform, handle, displayName: handle, status } })
    ).id;
  }
  // Daily rows: +5 followers a day, from 1 September (the newcomer from two weeks ago only).
  const metrics = [];
  for (const [handle, id] of Object.entries(ids)) {
    const first = handle === "newbie" ? addDays(TODAY, -13) : "2026-09-01";
    for (let day = first, i = 0; day <= TODAY; day = addDays(day, 1), i++) {
      let followers: number | null = 10_000 + 5 * i;
      if (handle === "dropping" && day >= "2026-11-25") followers -= 500;
      if (handle === "gappy" && day === "2026-11-25") continue; // not collected that day: a gap
      if (handle === "gappy" && day === "2026-11-24") followers = null; // collected, but the count was not known
      metrics.push({ agencyId: agency.id, accountId: id, day: new Date(`${day}T00:00:00Z`), followers });
    }
  }
  await db.accountDailyMetric.createMany({ data: metrics });
  // Replies: 1–3 every hour for nine weeks on the reply channels; 40 in the last hour on two of them.
  const replies = [];
  for (const handle of ["spiky", "quiet", "newbie"]) {
    for (let h = 1; h <= 9 * 7 * 24; h++) {
      const hourStart = SPIKE_HOUR.getTime() - (h - 1) * 3_600_000;
      const count = handle !== "quiet" && h === 1 ? 40 : 1 + (h % 3);
      for (let k = 0; k < count; k++) {
        replies.push({
          agencyId: agency.id,
          accountId: ids[handle]!,
          platformReplyId: `${handle}-${h}-${k}`,
          authorHash: `hash-${k}`,
          authorDisplayName: CITIZEN_NAME,
          text: `${CITIZEN_TEXT} ${k}`,
          publishedAt: new Date(hourStart + k * 1_000),
        });
      }
    }
  }
  await db.reply.createMany({ data: replies });
  // Collection: a success two days ago, then three failures; the wobbly channel failed twice in the last hour.
  const run = (handle: string, outcome: "success" | "failed" | "partial" | "rate_limited", hoursAgo: number) => ({
    agencyId: agency.id,
    accountId: ids[handle]!,
    kind: "scheduled",
    outcome,
    startedAt: new Date(NOW.getTime() - hoursAgo * 3_600_000),
  });
  await db.collectionRun.createMany({
    data: [
      run("failing", "success", 48),
      run("failing", "failed", 30),
      run("failing", "rate_limited", 20),
      run("failing", "partial", 10),
      run("failing", "failed", 2),
      run("wobbly", "success", 3),
      run("wobbly", "failed", 1),
      run("wobbly", "failed", 0.5),
    ],
  });
  return { agencyId: agency.id, ids };
}

let a: Scenario;
let b: Scenario;
const users: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  a = await generateAgency(t.db, "etat-a", "nb");
  b = await generateAgency(t.db, "etat-b", "en");
  for (const [name, agencyId, role, subscribe] of [
    ["admin-a", a.agencyId, "admin", true],
    ["leaving-a", a.agencyId, "viewer", true],
    ["silent-a", a.agencyId, "editor", false],
    ["viewer-b", b.agencyId, "viewer", true],
  ] as const) {
    const user = await createLocalUser(t.db, { email: `${name}@etat.test`, name, password: "passord-passord" });
    users[name] = user.id;
    await grantMembership(t.db, { userId: user.id, agencyId, role });
    if (subscribe) await t.db.alertSubscription.create({ data: { agencyId, userId: user.id } });
  }
  // Agency B has tuned its thresholds: spikes need 100 replies, follower drops are off, 5 failures in a row.
  await saveAlertSetting(t.db, b.agencyId, "reply_spike", true, {
    minReplies: 100,
    sensitivity: 4,
    baselineWeeks: 8,
    minHistoryWeeks: 4,
  });
  await saveAlertSetting(t.db, b.agencyId, "follower_drop", false, { minDrop: 20, minPercent: 0.5, sensitivity: 4 });
  await saveAlertSetting(t.db, b.agencyId, "collection_failing", true, { failedRuns: 5, hoursWithoutSuccess: 72 });
}, 120_000);

afterAll(async () => smtp?.stop());

const handleOf = (s: Scenario, accountId: string) => Object.entries(s.ids).find(([, id]) => id === accountId)![0];

describe("alerts", () => {
  it("raise exactly one alert per trouble — a reply spike, a follower drop, failing collection, expired access — and none for quiet channels, gaps or too little history", async () => {
    const [first, second] = await Promise.all([checkAlerts(t.db, { now: NOW }), checkAlerts(t.db, { now: NOW })]);
    const raised = [...first.raised, ...second.raised].filter((r) => r.agencyId === a.agencyId);
    expect(raised.map((r) => `${r.kind}:${handleOf(a, r.accountId)}`).sort()).toEqual([
      "collection_failing:failing",
      "follower_drop:dropping",
      "reply_spike:spiky",
      "token_expiring:expired",
    ]);
    const spike = await t.db.alert.findFirstOrThrow({ where: { agencyId: a.agencyId, kind: "reply_spike" } });
    expect(spike.periodStart).toEqual(SPIKE_HOUR);
    expect(spike.observed).toBe(40);
    expect(spike.expected).toBeGreaterThanOrEqual(1);
    expect(spike.expected).toBeLessThanOrEqual(3);
    // Only counts are stored: nothing of what citizens wrote or who they are.
    const stored = JSON.stringify(await t.db.alert.findMany({ where: { agencyId: a.agencyId } }));
    expect(stored).not.toContain(CITIZEN_TEXT);
    expect(stored).not.toContain(CITIZEN_NAME);
    expect(stored).not.toContain("hash-");
  });

  it("are not raised again by later checks while the trouble lasts", async () => {
    const later = await checkAlerts(t.db, { now: new Date(NOW.getTime() + 10 * 60_000) });
    expect(later.raised).toEqual([]);
    expect(await t.db.alert.count({ where: { agencyId: a.agencyId } })).toBe(4);
  });

  it("respect an agency's own thresholds and switched-off kinds", async () => {
    const kinds = (await t.db.alert.findMany({ where: { agencyId: b.agencyId } })).map(
      (x) => `${x.kind}:${handleOf(b, x.accountId)}`,
    );
    expect(kinds).toEqual(["token_expiring:expired"]);
    await saveAlertSetting(t.db, b.agencyId, "reply_spike", true, {
      minReplies: 30,
      sensitivity: 4,
      baselineWeeks: 8,
      minHistoryWeeks: 4,
    });
    const next = await checkAlerts(t.db, { now: NOW });
    expect(next.raised.map((r) => `${r.kind}:${handleOf(b, r.accountId)}`)).toEqual(["reply_spike:spiky"]);
  });

  it("a failing collection alerts after the configured hours without success even below the run count", async () => {
    const run = { agencyId: a.agencyId, accountId: a.ids.wobbly!, kind: "scheduled", outcome: "failed" as const };
    const laterNow = new Date(NOW.getTime() + 25 * 3_600_000);
    const result = await checkAlerts(t.db, { now: laterNow });
    expect(result.raised.filter((r) => r.kind === "collection_failing").map((r) => handleOf(a, r.accountId))).toEqual([
      "wobbly",
    ]);
    // A success ends the outage; the next failure streak is a new alert.
    await t.db.collectionRun.createMany({
      data: [{ ...run, outcome: "success", startedAt: new Date(laterNow.getTime() + 60_000) }],
    });
    expect(
      (await checkAlerts(t.db, { now: new Date(laterNow.getTime() + 120_000) })).raised.filter(
        (r) => r.kind === "collection_failing",
      ),
    ).toEqual([]);
  });

  it("are e-mailed once to each subscriber who still has access, in the agency's language, with a link to the evidence", async () => {
    await t.db.membership.delete({ where: { agencyId_userId: { agencyId: a.agencyId, userId: users["leaving-a"]! } } });
    const boss = new PgBoss({ connectionString: t.url, schema: QUEUE_SCHEMA });
    await boss.start();
    try {
      const { retryDelayMax: _max, ...production } = ALERT_MAIL_QUEUE_OPTIONS;
      await createAlertMailQueue(boss, { ...production, retryDelay: 1, retryBackoff: false });
      const queued = await Promise.all([
        checkAndQueueAlerts(boss, t.db, { now: NOW }),
        checkAndQueueAlerts(boss, t.db, { now: NOW }),
      ]);
      expect(queued[0].queued + queued[1].queued).toBe(await t.db.alertDelivery.count());
      await startAlertMailWorkers(boss, { db: t.db, mailer: smtp.mailer, baseUrl: "https://kanal.example.no" });
      const deadline = Date.now() + 30_000;
      while (await t.db.alertDelivery.count({ where: { status: { in: ["pending", "sending"] } } })) {
        if (Date.now() > deadline) throw new Error("alert e-mails were not sent in time");
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await boss.stop({ graceful: false });
    }
    const to = (m: (typeof smtp.received)[number]) => (m.to && "text" in m.to ? m.to.text : "");
    const alertsA = await t.db.alert.count({ where: { agencyId: a.agencyId } });
    expect(smtp.received.filter((m) => to(m) === "admin-a@etat.test")).toHaveLength(alertsA);
    expect(smtp.received.filter((m) => to(m) === "leaving-a@etat.test")).toHaveLength(0);
    expect(smtp.received.filter((m) => to(m) === "silent-a@etat.test")).toHaveLength(0);
    expect(await t.db.alertDelivery.count({ where: { userId: users["leaving-a"]!, status: "skipped" } })).toBe(alertsA);

    const spikeMail = smtp.received.find(
      (m) => to(m) === "admin-a@etat.test" && m.subject?.startsWith("Varsel: Mange svar"),
    )!;
    expect(spikeMail.subject).toBe("Varsel: Mange svar – X (Twitter) · spiky (Etat etat-a)");
    expect(spikeMail.text).toContain("40 svar i timen 26.11.2026 10:00–11:00; vanlig for denne timen er ");
    expect(spikeMail.text).toContain(
      `https://kanal.example.no/agencies/etat-a/replies?from=2026-11-26&to=2026-11-26&bucket=day&channel=${a.ids.spiky}`,
    );
    const englishMail = smtp.received.find((m) => to(m) === "viewer-b@etat.test" && m.subject?.includes("spiky"))!;
    expect(englishMail.subject).toBe("Alert: Many replies – X (Twitter) · spiky (Etat etat-b)");
    for (const mail of smtp.received) {
      expect(`${mail.text}${mail.html}`).not.toContain(CITIZEN_TEXT);
      expect(`${mail.text}${mail.html}`).not.toContain(CITIZEN_NAME);
    }

    // Nothing is sent twice: a later check finds nothing new to send.
    const before = smtp.received.length;
    const boss2 = new PgBoss({ connectionString: t.url, schema: QUEUE_SCHEMA });
    await boss2.start();
    try {
      expect((await checkAndQueueAlerts(boss2, t.db, { now: NOW })).queued).toBe(0);
    } finally {
      await boss2.stop({ graceful: false });
    }
    expect(smtp.received.length).toBe(before);
  });

  it("compare the same local hour of the week across a DST switch, not the same UTC hour", async () => {
    // Monday 26 October 2026, the day after Oslo left summer time: 10:00–11:00 local is 09:00 UTC,
    // while 10:00 local a week earlier was 08:00 UTC.
    const agency = await t.db.agency.create({ data: { slug: "etat-dst", name: "Etat DST" } });
    const account = await t.db.account.create({
      data: { agencyId: agency.id, platform: "twitter", handle: "steady", displayName: "steady" },
    });
    const days = [];
    for (let day: Day = "2026-08-01"; day <= "2026-10-26"; day = addDays(day, 1))
      days.push({ agencyId: agency.id, accountId: account.id, day: new Date(`${day}T00:00:00Z`), followers: 1_000 });
    await t.db.accountDailyMetric.createMany({ data: days });
    const replies = [];
    for (let w = 0; w <= 8; w++) {
      const start = localTimeToInstant(addDays("2026-10-26", -7 * w), 10, 0, "Europe/Oslo");
      for (let k = 0; k < (w === 0 ? 30 : 20); k++) {
        replies.push({
          agencyId: agency.id,
          accountId: account.id,
          platformReplyId: `dst-${w}-${k}`,
          authorHash: "h",
          text: "x",
          publishedAt: new Date(start.getTime() + k * 60_000),
        });
      }
    }
    await t.db.reply.createMany({ data: replies });
    // 30 replies where 20 is usual at this local hour is no spike; measured against the UTC hour (0) it would be.
    const result = await checkAlerts(t.db, { now: new Date("2026-10-26T10:05:00Z") });
    expect(result.raised.filter((r) => r.agencyId === agency.id)).toEqual([]);
    await t.db.reply.createMany({
      data: Array.from({ length: 30 }, (_, k) => ({
        agencyId: agency.id,
        accountId: account.id,
        platformReplyId: `dst-more-${k}`,
        authorHash: "h",
        text: "x",
        publishedAt: new Date(Date.UTC(2026, 9, 26, 9, 30, k)),
      })),
    });
    const spike = await checkAlerts(t.db, { now: new Date("2026-10-26T10:05:00Z") });
    expect(spike.raised.filter((r) => r.agencyId === agency.id).map((r) => r.kind)).toEqual(["reply_spike"]);
  });

  it("warn once about a grant that ends within the agency's days before expiry, and not about one that ends later", async () => {
    const agency = await t.db.agency.create({ data: { slug: "etat-grant", name: "Etat grant" } });
    const now = new Date("2026-11-26T09:00:00Z");
    const soon = await t.db.credential.create({
      data: {
        agencyId: agency.id,
        ciphertext: new Uint8Array([1]),
        grantExpiresAt: new Date(now.getTime() + 5 * 86_400_000),
      },
    });
    const later = await t.db.credential.create({
      data: {
        agencyId: agency.id,
        ciphertext: new Uint8Array([1]),
        grantExpiresAt: new Date(now.getTime() + 40 * 86_400_000),
      },
    });
    await t.db.account.create({
      data: { agencyId: agency.id, platform: "facebook", handle: "snart", displayName: "snart", credentialId: soon.id },
    });
    await t.db.account.create({
      data: {
        agencyId: agency.id,
        platform: "facebook",
        handle: "senere",
        displayName: "senere",
        credentialId: later.id,
      },
    });
    const mine = async (at: Date) =>
      (await checkAlerts(t.db, { now: at })).raised.filter((r) => r.agencyId === agency.id).map((r) => r.kind);
    expect(await mine(now)).toEqual(["token_expiring"]);
    expect(await mine(new Date(now.getTime() + 10 * 60_000))).toEqual([]);
  });
});
