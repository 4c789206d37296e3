import type { PgBoss, Queue } from "pg-boss";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { DETECTORS, type AlertCandidate } from "@/lib/alerts/detect";
import { deliverAlert, MAX_ATTEMPTS, STALE_CLAIM_SECONDS, type AlertDeliveryContext } from "@/lib/alerts/deliver";
import { ALERT_KINDS, getAlertSettings, type AlertKind } from "@/lib/alerts/settings";

export type RaisedAlert = { id: string; agencyId: string; accountId: string; kind: AlertKind };
export type CheckResult = { raised: RaisedAlert[]; deliveries: number };

/**
 * The scheduled check (jobs/schedule.ts, every 10 minutes): runs every enabled detector of every
 * agency that is not archived, stores what they found with INSERT … ON CONFLICT DO NOTHING on the
 * alert's natural key — so a re-run, or two instances at once, raise each alert exactly once — and,
 * in the same transaction, one delivery per subscriber of the agency for each alert that is new.
 */
export async function checkAlerts(db: Db, opts: { now?: Date } = {}): Promise<CheckResult> {
  const now = opts.now ?? new Date();
  const agencies = await db.agency.findMany({ where: { archivedAt: null }, select: { id: true, timeZone: true } });
  const result: CheckResult = { raised: [], deliveries: 0 };
  for (const agency of agencies) {
    const settings = await getAlertSettings(db, agency.id);
    const found: AlertCandidate[] = [];
    for (const kind of ALERT_KINDS) {
      if (!settings[kind].enabled) continue;
      const detect = DETECTORS[kind] as (db: Db, a: typeof agency, p: unknown, now: Date) => Promise<AlertCandidate[]>;
      found.push(...(await detect(db, agency, settings[kind].params, now)));
    }
    if (!found.length) continue;
    await db.$transaction(async (tx) => {
      for (const c of found) {
        const inserted = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
          INSERT INTO alert (agency_id, account_id, kind, period_start, period_end, observed, expected, details)
          VALUES (${agency.id}::uuid, ${c.accountId}::uuid, ${c.kind}::"AlertKind", ${c.periodStart}, ${c.periodEnd},
                  ${finite(c.observed)}, ${finite(c.expected)}, ${JSON.stringify(c.details)}::jsonb)
          ON CONFLICT (agency_id, account_id, kind, period_start) DO NOTHING
          RETURNING id`);
        const alert = inserted[0];
        if (!alert) continue;
        result.raised.push({ id: alert.id, agencyId: agency.id, accountId: c.accountId, kind: c.kind });
        result.deliveries += await tx.$executeRaw(Prisma.sql`
          INSERT INTO alert_delivery (agency_id, alert_id, user_id)
          SELECT agency_id, ${alert.id}::uuid, user_id FROM alert_subscription WHERE agency_id = ${agency.id}::uuid
          ON CONFLICT (alert_id, user_id) DO NOTHING`);
      }
    });
  }
  return result;
}

const finite = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);

export const ALERT_MAIL_QUEUE = "send-alert";
type AlertMailJob = { deliveryId: string };

/** Like weekly reports (jobs/reports.ts): one job per delivery, retried by pg-boss on back-off. */
export const ALERT_MAIL_QUEUE_OPTIONS: Omit<Queue, "name"> = {
  policy: "stately",
  retryLimit: MAX_ATTEMPTS - 1,
  retryDelay: 60,
  retryBackoff: true,
  retryDelayMax: 3_600,
  expireInSeconds: STALE_CLAIM_SECONDS,
};

export async function createAlertMailQueue(
  boss: PgBoss,
  options: Omit<Queue, "name"> = ALERT_MAIL_QUEUE_OPTIONS,
): Promise<void> {
  await boss.createQueue(ALERT_MAIL_QUEUE, options);
}

/** The scheduled tick: check, then queue one send job for every delivery not sent yet. */
export async function checkAndQueueAlerts(
  boss: PgBoss,
  db: Db,
  opts: { now?: Date } = {},
): Promise<CheckResult & { queued: number }> {
  const result = await checkAlerts(db, opts);
  const pending = await db.alertDelivery.findMany({ where: { status: "pending" }, select: { id: true } });
  let queued = 0;
  for (const { id } of pending)
    if (await boss.send(ALERT_MAIL_QUEUE, { deliveryId: id } satisfies AlertMailJob, { singletonKey: id })) queued++;
  return { ...result, queued };
}

/**
 * Workers: send the alert e-mails of a batch of jobs; a refused send throws so that pg-boss retries
 * the batch (the delivery's claim makes a retry skip what was already sent).
 */
export async function startAlertMailWorkers(
  boss: PgBoss,
  ctx: Omit<AlertDeliveryContext, "now">,
  log: (m: string) => void = () => undefined,
): Promise<string> {
  return boss.work<AlertMailJob>(ALERT_MAIL_QUEUE, { pollingIntervalSeconds: 2, batchSize: 20 }, async (jobs) => {
    let failed = 0;
    for (const job of jobs) {
      const outcome = await deliverAlert(ctx, job.data.deliveryId);
      if (outcome) log(`alert e-mail ${job.data.deliveryId}: ${outcome}`);
      if (outcome === "failed") failed++;
    }
    if (failed) throw new Error(`the mail server refused ${failed} alert e-mail(s); pg-boss retries them`);
  });
}
