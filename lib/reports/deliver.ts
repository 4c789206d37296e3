import type { Db } from "@/lib/db/client";
import type { Mailer } from "@/lib/mail/transport";
import { visibleAgenciesOf } from "@/lib/permissions/visibleAgencies";
import { addDays, localDay, localTimeToInstant, weekStart } from "@/lib/time";
import { getWeeklyReportData } from "./data";
import { renderReport, reportMessage } from "./render";
import { unsubscribeToken } from "./unsubscribeToken";
import { isoReportWeek, previousWeek } from "./week";

export type DeliveryContext = { db: Db; mailer: Mailer; baseUrl: string; secret: string; now?: Date };
export type DeliveryOutcome = "sent" | "skipped" | "failed";

/** A claimed delivery whose sender died is taken over after this long (the send job expires then too). */
export const STALE_CLAIM_SECONDS = 10 * 60;
export const MAX_ATTEMPTS = 8;

/**
 * The weekly reports that are due: the previous ISO week, once the subscription's weekday and hour
 * have passed in the agency's time zone. Creates one delivery row per subscription and week (unique,
 * so several schedulers create it once) and returns the ids of the deliveries still to be sent.
 */
export async function dueReportDeliveries(db: Db, now: Date = new Date()): Promise<string[]> {
  const subscriptions = await db.reportSubscription.findMany({
    where: { agency: { archivedAt: null } }, // archived agencies get no weekly reports
    select: { id: true, weekday: true, hour: true, agencyId: true, agency: { select: { timeZone: true } } },
  });
  const rows = [];
  for (const sub of subscriptions) {
    const tz = sub.agency.timeZone;
    const dueAt = localTimeToInstant(addDays(weekStart(localDay(now, tz)), sub.weekday - 1), sub.hour, 0, tz);
    if (now < dueAt) continue;
    const week = previousWeek(now, tz);
    rows.push({ agencyId: sub.agencyId, subscriptionId: sub.id, isoYear: week.year, isoWeek: week.week });
  }
  if (rows.length) await db.reportDelivery.createMany({ data: rows, skipDuplicates: true });
  const pending = await db.reportDelivery.findMany({ where: { status: "pending" }, select: { id: true } });
  return pending.map((d) => d.id);
}

/**
 * Sends one delivery, if it can claim it: pending, failed (a retry), or left "sending" by a sender
 * that crashed more than STALE_CLAIM_SECONDS ago. The claim is atomic, so two workers never send one
 * report twice; access is checked again at send time. Returns null when there was nothing to claim.
 * Retries are the queue's business (jobs/reports.ts): a failure is recorded and reported, not repeated here.
 */
export async function deliverReport(ctx: DeliveryContext, deliveryId: string): Promise<DeliveryOutcome | null> {
  const now = ctx.now ?? new Date();
  const claimed = await ctx.db.$queryRaw<{ id: string; subscription_id: string; iso_year: number; iso_week: number }[]>`
    UPDATE report_delivery SET status = 'sending', claimed_at = ${now}, attempts = attempts + 1
    WHERE id = ${deliveryId}::uuid
      AND ((status IN ('pending', 'failed') AND attempts < ${MAX_ATTEMPTS})
        OR (status = 'sending' AND claimed_at < ${new Date(now.getTime() - STALE_CLAIM_SECONDS * 1000)}))
    RETURNING id, subscription_id, iso_year, iso_week`;
  const delivery = claimed[0];
  if (!delivery) return null;

  const sub = await ctx.db.reportSubscription.findUnique({
    where: { id: delivery.subscription_id },
    select: {
      id: true,
      userId: true,
      locale: true,
      user: { select: { email: true } },
      agency: { select: { id: true, slug: true, name: true, timeZone: true, locale: true } },
    },
  });
  const stillAllowed = sub && (await visibleAgenciesOf(ctx.db, sub.userId)).some((a) => a.id === sub.agency.id);
  if (!sub || !stillAllowed) {
    await ctx.db.reportDelivery.updateMany({
      where: { id: delivery.id },
      data: { status: "skipped", lastError: "no longer subscribed or no longer has access" },
    });
    return "skipped";
  }

  try {
    const week = isoReportWeek(delivery.iso_year, delivery.iso_week, sub.agency.timeZone);
    const data = await getWeeklyReportData(ctx.db, sub.agency, week);
    // In the recipient's language: the one they chose for the report, else the agency's.
    const locale = sub.locale ?? sub.agency.locale;
    const unsubscribeUrl = `${ctx.baseUrl}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(sub.id, ctx.secret, now))}${locale === "nb" ? "" : `&lang=${locale}`}`;
    const report = await renderReport(data, { unsubscribeUrl, locale });
    const messageId = `<report-${delivery.id}@kanalmaaling>`;
    await ctx.mailer.transporter.sendMail({
      from: ctx.mailer.from,
      to: sub.user.email,
      ...reportMessage(report),
      // The same id on a retry lets mail systems recognise a repeat after a crash between SMTP
      // acceptance and our "sent" mark, the one window a database cannot close.
      messageId,
      headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "Content-Language": locale },
    });
    await ctx.db.reportDelivery.update({
      where: { id: delivery.id },
      data: { status: "sent", sentAt: new Date(), messageId, lastError: null },
    });
    return "sent";
  } catch (error) {
    await ctx.db.reportDelivery.update({
      where: { id: delivery.id },
      data: { status: "failed", lastError: (error as Error).message.slice(0, 1000) },
    });
    return "failed";
  }
}
