import type { PgBoss, Queue } from "pg-boss";
import {
  deliverReport,
  dueReportDeliveries,
  MAX_ATTEMPTS,
  STALE_CLAIM_SECONDS,
  type DeliveryContext,
} from "@/lib/reports/deliver";

export const REPORT_QUEUE = "send-report";
type ReportJob = { deliveryId: string };

/**
 * One job per delivery (singleton key = delivery id). A refused send is retried by pg-boss on an
 * exponential back-off from 5 minutes up to 6 hours, MAX_ATTEMPTS in all; a sender that dies holds
 * the job until it expires, after which the retry takes the stale claim over.
 */
export const REPORT_QUEUE_OPTIONS: Omit<Queue, "name"> = {
  policy: "stately",
  retryLimit: MAX_ATTEMPTS - 1,
  retryDelay: 300,
  retryBackoff: true,
  retryDelayMax: 6 * 3_600,
  expireInSeconds: STALE_CLAIM_SECONDS,
};

export async function createReportQueue(
  boss: PgBoss,
  options: Omit<Queue, "name"> = REPORT_QUEUE_OPTIONS,
): Promise<void> {
  await boss.createQueue(REPORT_QUEUE, options);
}

/** The scheduled tick: creates the due deliveries and queues one send job for each that is not sent yet. */
export async function queueDueReports(boss: PgBoss, ctx: Pick<DeliveryContext, "db" | "now">): Promise<number> {
  let queued = 0;
  for (const deliveryId of await dueReportDeliveries(ctx.db, ctx.now)) {
    if (await boss.send(REPORT_QUEUE, { deliveryId } satisfies ReportJob, { singletonKey: deliveryId })) queued++;
  }
  return queued;
}

/** Workers: send one report per job; a failed send throws so that pg-boss retries it. */
export async function startReportWorkers(
  boss: PgBoss,
  ctx: Omit<DeliveryContext, "now">,
  log: (m: string) => void = () => undefined,
): Promise<string> {
  return boss.work<ReportJob>(REPORT_QUEUE, { pollingIntervalSeconds: 5 }, async ([job]) => {
    const outcome = await deliverReport(ctx, job!.data.deliveryId);
    if (outcome) log(`report ${job!.data.deliveryId}: ${outcome}`);
    if (outcome === "failed") throw new Error("the mail server refused the report; pg-boss retries it");
  });
}
