import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalUser, grantMembership } from "@/lib/auth/users";
import { loadDemoData } from "@/lib/demo/load";
import { getChannelGrowth } from "@/lib/queries/getChannelGrowth";
import { getReplySeries } from "@/lib/queries/getReplySeries";
import { PgBoss } from "pg-boss";
import { createReportQueue, queueDueReports, REPORT_QUEUE_OPTIONS, startReportWorkers } from "@/jobs/reports";
import { QUEUE_SCHEMA } from "@/jobs/queue";
import { deliverReport, dueReportDeliveries, type DeliveryContext } from "@/lib/reports/deliver";
import { verifyUnsubscribeToken } from "@/lib/reports/unsubscribeToken";
import { startSmtpCatcher } from "../helpers/smtpCatcher";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const SECRET = "s".repeat(64);
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let hod: { id: string };
let userId: string;
let subscriptionId: string;

// Monday 23 November 2026, 08:00 in Oslo is 07:00 UTC: the report for week 47 is due then.
const BEFORE_DUE = new Date("2026-11-23T06:59:00Z");
const DUE = new Date("2026-11-23T07:05:00Z");
const ctx = (now: Date): DeliveryContext => ({
  db: t.db,
  mailer: smtp.mailer,
  baseUrl: "http://localhost:3000",
  secret: SECRET,
  now,
});

/** What the scheduled tick and the report workers do at `now`, without the queue in between. */
async function sendDueReports(context: DeliveryContext) {
  const outcome = { sent: 0, skipped: 0, failed: 0 };
  for (const id of await dueReportDeliveries(context.db, context.now)) {
    const result = await deliverReport(context, id);
    if (result) outcome[result]++;
  }
  return outcome;
}

async function until(check: () => Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  await loadDemoData(t.db, { pseudonymisationKey: "5a".repeat(32), today: "2026-11-23" });
  hod = await t.db.agency.findUniqueOrThrow({ where: { slug: "helse-og-omsorgsdepartementet" } });
  const user = await createLocalUser(t.db, {
    email: "kommunikasjon@hod.test",
    name: "Kommunikasjon",
    password: "passord-passord",
  });
  userId = user.id;
  await grantMembership(t.db, { userId, agencyId: hod.id, role: "viewer" });
  subscriptionId = (await t.db.reportSubscription.create({ data: { agencyId: hod.id, userId } })).id;
}, 120_000);

afterAll(async () => smtp?.stop());

describe("weekly report", () => {
  it("is not sent before Monday 08:00 in the agency's time zone", async () => {
    expect(await sendDueReports(ctx(BEFORE_DUE))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it("is sent once for the previous ISO week, with HTML, plain text, an inline chart and a CSV whose figures equal the dashboard's", async () => {
    const [first, second] = await Promise.all([sendDueReports(ctx(DUE)), sendDueReports(ctx(DUE))]);
    expect(first.sent + second.sent).toBe(1);
    expect(await sendDueReports(ctx(new Date("2026-11-23T09:00:00Z")))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);

    const mail = smtp.received[0]!;
    expect(mail.subject).toBe("Ukerapport uke 47: Helse- og omsorgsdepartementet");
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe("kommunikasjon@hod.test");
    expect(mail.text).toContain("Publikum per kanal");
    const png = mail.attachments.find((a) => a.contentType === "image/png")!;
    expect(png.cid).toBe("audience-chart@kanalmaaling");
    expect(png.content.subarray(1, 4).toString()).toBe("PNG");
    expect(mail.html).toContain('src="cid:audience-chart@kanalmaaling"');

    const csv = mail.attachments.find((a) => a.filename?.endsWith(".csv"))!.content.toString("utf8");
    expect(csv.startsWith("\uFEFFuke;plattform;kanal;publikum")).toBe(true);
    // The same figures the dashboard's growth and replies pages show for week 47.
    const growth = await getChannelGrowth(t.db, {
      agencyId: hod.id,
      from: "2026-11-16",
      to: "2026-11-22",
      bucket: "week",
    });
    const replies = await getReplySeries(t.db, {
      agencyId: hod.id,
      from: "2026-11-16",
      to: "2026-11-22",
      bucket: "week",
    });
    const twitter = growth.accounts.find((s) => s.label === "helseomsorgdep")!;
    const row = csv
      .split("\r\n")
      .find((l) => l.includes(";helseomsorgdep;"))!
      .split(";");
    expect(row[3]).toBe(String(twitter.absolute[0]));
    expect(row[6]).toBe(String(replies.channels.find((c) => c.handle === "helseomsorgdep")!.total));
    expect(mail.html).toContain(`${twitter.absolute[0]!.toLocaleString("nb-NO")}`);

    const token = decodeURIComponent(/unsubscribe\?token=([^"&\s]+)/.exec(mail.text!)![1]!);
    expect(verifyUnsubscribeToken(token, SECRET, DUE)).toBe(subscriptionId);
  });

  it("is queued once however many schedulers tick, retried by the queue when the mail server refuses, and sent when it accepts again", async () => {
    const week48Due = new Date("2026-11-30T07:05:00Z");
    const boss = new PgBoss({ connectionString: t.url, schema: QUEUE_SCHEMA });
    await boss.start();
    try {
      // The production back-off starts at 5 minutes; the same queue with a one-second delay.
      const { retryDelayMax: _max, ...production } = REPORT_QUEUE_OPTIONS;
      await createReportQueue(boss, { ...production, retryDelay: 1, retryBackoff: false });
      smtp.setRefusing(true);
      const queued = await Promise.all([
        queueDueReports(boss, { db: t.db, now: week48Due }),
        queueDueReports(boss, { db: t.db, now: week48Due }),
      ]);
      expect(queued[0] + queued[1]).toBe(1);
      await startReportWorkers(boss, {
        db: t.db,
        mailer: smtp.mailer,
        baseUrl: "http://localhost:3000",
        secret: SECRET,
      });
      await until(
        async () =>
          (await t.db.reportDelivery.findFirst({ where: { subscriptionId, isoWeek: 48, status: "failed" } })) !== null,
      );
      const failed = await t.db.reportDelivery.findFirstOrThrow({ where: { subscriptionId, isoWeek: 48 } });
      expect(failed.lastError).toMatch(/451/);
      smtp.setRefusing(false);
      await until(
        async () =>
          (await t.db.reportDelivery.findFirst({ where: { subscriptionId, isoWeek: 48, status: "sent" } })) !== null,
      );
      const sent = await t.db.reportDelivery.findFirstOrThrow({ where: { subscriptionId, isoWeek: 48 } });
      expect(sent.attempts).toBeGreaterThanOrEqual(2);
      expect(smtp.received.map((m) => m.subject)).toEqual([
        "Ukerapport uke 47: Helse- og omsorgsdepartementet",
        "Ukerapport uke 48: Helse- og omsorgsdepartementet",
      ]);
      // A later tick finds nothing left to send for that week.
      expect(await queueDueReports(boss, { db: t.db, now: new Date(week48Due.getTime() + 3_600_000) })).toBe(0);
    } finally {
      await boss.stop({ graceful: false });
    }
  });

  it("is taken over from a sender that crashed mid-send, but only after its claim went stale", async () => {
    const week49Due = new Date("2026-12-07T07:05:00Z");
    const stale = await t.db.reportDelivery.create({
      data: {
        agencyId: hod.id,
        subscriptionId,
        isoYear: 2026,
        isoWeek: 49,
        status: "sending",
        attempts: 1,
        claimedAt: week49Due,
      },
    });
    // The queue retries the crashed sender's job when it expires; the claim decides whether it may send.
    expect(await deliverReport(ctx(new Date(week49Due.getTime() + 60_000)), stale.id)).toBeNull();
    expect(await deliverReport(ctx(new Date(week49Due.getTime() + 11 * 60_000)), stale.id)).toBe("sent");
    expect(smtp.received.at(-1)?.subject).toBe("Ukerapport uke 49: Helse- og omsorgsdepartementet");
    expect(smtp.received).toHaveLength(3);
  });

  it("goes to nobody who lost access, and to nobody whose subscription was deleted", async () => {
    await t.db.membership.delete({ where: { agencyId_userId: { agencyId: hod.id, userId } } });
    expect(await sendDueReports(ctx(new Date("2026-12-14T07:05:00Z")))).toEqual({ sent: 0, skipped: 1, failed: 0 });
    await t.db.reportSubscription.delete({ where: { id: subscriptionId } });
    expect(await sendDueReports(ctx(new Date("2026-12-21T07:05:00Z")))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(smtp.received).toHaveLength(3);
  });
});
