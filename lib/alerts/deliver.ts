import { translator } from "@/lib/intl";
import type { Db } from "@/lib/db/client";
import type { Mailer } from "@/lib/mail/transport";
import { visibleAgenciesOf } from "@/lib/permissions/visibleAgencies";
import { describeAlert, evidencePath } from "./describe";

export type AlertDeliveryContext = { db: Db; mailer: Mailer; baseUrl: string; now?: Date };
export type AlertDeliveryOutcome = "sent" | "skipped" | "failed";

export const STALE_CLAIM_SECONDS = 10 * 60;
export const MAX_ATTEMPTS = 8;

/**
 * Sends one alert to one subscriber, if it can claim the delivery (pending, a failed one under
 * MAX_ATTEMPTS, or one left "sending" by a crashed sender): the claim is atomic, so an alert goes to
 * a person once. Subscription and access are checked again now: someone who unsubscribed or lost
 * access to the agency since the alert was raised gets nothing.
 */
export async function deliverAlert(
  ctx: AlertDeliveryContext,
  deliveryId: string,
): Promise<AlertDeliveryOutcome | null> {
  const now = ctx.now ?? new Date();
  const claimed = await ctx.db.$queryRaw<{ id: string; alert_id: string; user_id: string; agency_id: string }[]>`
    UPDATE alert_delivery SET status = 'sending', claimed_at = ${now}, attempts = attempts + 1
    WHERE id = ${deliveryId}::uuid
      AND ((status IN ('pending', 'failed') AND attempts < ${MAX_ATTEMPTS})
        OR (status = 'sending' AND claimed_at < ${new Date(now.getTime() - STALE_CLAIM_SECONDS * 1000)}))
    RETURNING id, alert_id, user_id, agency_id`;
  const delivery = claimed[0];
  if (!delivery) return null;

  const [subscribed, agencies, user] = await Promise.all([
    ctx.db.alertSubscription.findUnique({
      where: { agencyId_userId: { agencyId: delivery.agency_id, userId: delivery.user_id } },
    }),
    visibleAgenciesOf(ctx.db, delivery.user_id),
    ctx.db.user.findUnique({ where: { id: delivery.user_id }, select: { email: true } }),
  ]);
  const agency = agencies.find((a) => a.id === delivery.agency_id);
  if (!subscribed || !agency || !user) {
    await ctx.db.alertDelivery.update({
      where: { id: delivery.id },
      data: { status: "skipped", lastError: "no longer subscribed or no longer has access" },
    });
    return "skipped";
  }

  try {
    const alert = await ctx.db.alert.findUniqueOrThrow({ where: { id: delivery.alert_id } });
    const account = await ctx.db.account.findUniqueOrThrow({
      where: { id: alert.accountId },
      select: { id: true, platform: true, handle: true },
    });
    const locale = agency.locale;
    const t = translator(locale, "alerts");
    const view = { ...alert, account };
    const d = describeAlert(view, agency, locale);
    const evidence = `${ctx.baseUrl}${evidencePath(view, agency, locale)}`;
    const all = `${ctx.baseUrl}/agencies/${agency.slug}/alerts${locale === "nb" ? "" : `?lang=${locale}`}`;
    const messageId = `<alert-${delivery.id}@kanalmaaling>`;
    const text = [
      t("mailIntro", { agency: agency.name }),
      "",
      `${d.kind} – ${d.channel}`,
      d.text,
      "",
      t("mailEvidence"),
      evidence,
      "",
      t("mailAll"),
      all,
      "",
      t("mailWhy"),
    ].join("\n");
    const esc = (s: string) =>
      s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
    const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${esc(t("mailSubject", { kind: d.kind, channel: d.channel, agency: agency.name }))}</title></head><body>
<p>${esc(t("mailIntro", { agency: agency.name }))}</p><h1 style="font-size:1.2em">${esc(d.kind)} – ${esc(d.channel)}</h1><p>${esc(d.text)}</p>
<p><a href="${esc(evidence)}">${esc(t("mailEvidence").replace(/:$/, ""))}</a></p><p><a href="${esc(all)}">${esc(t("mailAll").replace(/:$/, ""))}</a></p>
<p style="color:#555">${esc(t("mailWhy"))}</p></body></html>`;
    await ctx.mailer.transporter.sendMail({
      from: ctx.mailer.from,
      to: user.email,
      subject: t("mailSubject", { kind: d.kind, channel: d.channel, agency: agency.name }),
      text,
      html,
      // The same id on a retry lets mail systems drop a repeat after a crash between SMTP acceptance and "sent".
      messageId,
      headers: { "Content-Language": locale },
    });
    await ctx.db.alertDelivery.update({
      where: { id: delivery.id },
      data: { status: "sent", sentAt: new Date(), messageId, lastError: null },
    });
    return "sent";
  } catch (error) {
    await ctx.db.alertDelivery.update({
      where: { id: delivery.id },
      data: { status: "failed", lastError: (error as Error).message.slice(0, 1000) },
    });
    return "failed";
  }
}
