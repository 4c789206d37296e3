import type { Db } from "@/lib/db/client";
import type { Mailer } from "@/lib/mail/transport";
import { visibleAgenciesOf } from "@/lib/permissions/visibleAgencies";
import { addDays, localDay, localTimeToInstant, weekStart } from "@/lib/time";
import { getWeeklyReportData } from "./data";
import { renderReport, reportMessage } from "./render";
import { unsubscribeToken } from "./unsubscribeToken";
import { previousWeek } from "./week";

export type DeliveryContext = { db: Db; mailer: Mailer; baseUrl: string; secret: string; now?: Date };
export type DeliveryOutcome = { sent: number; skipped: number; failed: number };

/** A claimed delivery whose sender died is taken over after this long. */
const STALE_CLAIM_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 8;
const backoffMs = (attempt: number) => Math.min(5 * 60_000 * 2 ** (attempt - 1), 6 * 3_600_000);

/**
 * Sends every weekly report that is due: the previous ISO week, once its subscription's weekday and
 * hour have passed in the agency's time zone. One delivery row per subscription and week (unique)
 * is claimed atomically, so two schedulers or a restart never send one twice; access is checked
 * again at send time; failures are retried with backoff.
 */
export async function sendDueReports(ctx: DeliveryContext): Promise<DeliveryOutcome> {
  const now = ctx.now ?? new Date();
  const outcome: DeliveryOutcome = { sent: 0, skipped: 0, failed: 0 };
  const subscriptions = await ctx.db.reportSubscription.findMany({
    where: { agency: { archivedAt: null } }, // archived agencies get no weekly reports
    select: { id: true, weekday: true, hour: true, agencyId: true, agency: { select: { timeZone: true } } },
  });
  // Sequential on purpose: bounded load on the SMTP server; more instances share the work through claims.
  for (const sub of subscriptions) {
    const tz = sub.agency.timeZone;
    const dueAt = localTimeToInstant(addDays(weekStart(localDay(now, tz)), sub.weekday - 1), sub.hour, 0, tz);
    if (now < dueAt) continue;
    const week = previousWeek(now, tz);
    await ctx.db.reportDelivery.createMany({ data: [{ agencyId: sub.agencyId, subscriptionId: sub.id, isoYear: week.year, isoWeek: week.week, nextAttemptAt: now }], skipDuplicates: true });
    const result = await deliverClaimed(ctx, now, { subscriptionId: sub.id, isoYear: week.year, isoWeek: week.week });
    if (result) outcome[result]++;
  }
  return outcome;
}

async function deliverClaimed(ctx: DeliveryContext, now: Date, key: { subscriptionId: string; isoYear: number; isoWeek: number }): Promise<keyof DeliveryOutcome | null> {
  const claimed = await ctx.db.$queryRaw<{ id: string; attempts: number }[]>`
    UPDATE report_delivery SET status = 'sending', claimed_at = ${now}, attempts = attempts + 1
    WHERE subscription_id = ${key.subscriptionId}::uuid AND iso_year = ${key.isoYear} AND iso_week = ${key.isoWeek}
      AND ((status IN ('pending', 'failed') AND next_attempt_at <= ${now} AND attempts < ${MAX_ATTEMPTS})
        OR (status = 'sending' AND claimed_at < ${new Date(now.getTime() - STALE_CLAIM_MS)}))
    RETURNING id, attempts`;
  const delivery = claimed[0];
  if (!delivery) return null;

  const sub = await ctx.db.reportSubscription.findUnique({
    where: { id: key.subscriptionId },
    select: { id: true, userId: true, user: { select: { email: true } }, agency: { select: { id: true, slug: true, name: true, timeZone: true, locale: true } } },
  });
  const stillAllowed = sub && (await visibleAgenciesOf(ctx.db, sub.userId)).some((a) => a.id === sub.agency.id);
  if (!sub || !stillAllowed) {
    await ctx.db.reportDelivery.updateMany({ where: { id: delivery.id }, data: { status: "skipped", lastError: "no longer subscribed or no longer has access" } });
    return "skipped";
  }

  try {
    const week = previousWeek(now, sub.agency.timeZone);
    const data = await getWeeklyReportData(ctx.db, sub.agency, week);
    const unsubscribeUrl = `${ctx.baseUrl}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(sub.id, ctx.secret, now))}`;
    const report = await renderReport(data, { unsubscribeUrl });
    const messageId = `<report-${delivery.id}@kanalmaaling>`;
    await ctx.mailer.transporter.sendMail({
      from: ctx.mailer.from,
      to: sub.user.email,
      ...reportMessage(report),
      // The same id on a retry lets mail systems recognise a repeat after a crash between SMTP
      // acceptance and our "sent" mark, the one window a database cannot close.
      messageId,
      headers: { "List-Unsubscribe": `<${unsubscribeUrl}>` },
    });
    await ctx.db.reportDelivery.update({ where: { id: delivery.id }, data: { status: "sent", sentAt: new Date(), messageId, lastError: null } });
    return "sent";
  } catch (error) {
    await ctx.db.reportDelivery.update({
      where: { id: delivery.id },
      data: { status: "failed", lastError: (error as Error).message.slice(0, 1000), nextAttemptAt: new Date(now.getTime() + backoffMs(delivery.attempts)) },
    });
    return "failed";
  }
}
