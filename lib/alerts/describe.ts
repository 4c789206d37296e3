import { translator } from "@/lib/intl";
import { formatDateTime, formatDay, formatNumber, formatTime, type UiLocale } from "@/lib/format";
import type { Platform } from "@/lib/generated/prisma/client";
import { platformLabel } from "@/lib/intl/labels";
import { addDays, localDay } from "@/lib/time";
import type { AlertKind } from "./settings";

export type AlertView = {
  id: string;
  kind: AlertKind;
  periodStart: Date;
  periodEnd: Date;
  observed: number | null;
  expected: number | null;
  details: unknown;
  createdAt: Date;
  account: { id: string; platform: Platform; handle: string };
};

export type AgencyView = { slug: string; name: string; timeZone: string };

function hourLabel(a: AlertView, tz: string, locale: UiLocale): string {
  return `${formatDateTime(a.periodStart, locale, tz)}–${formatTime(a.periodEnd, tz)}`;
}

/**
 * Where the figures behind an alert are: the replies page for that channel and day (by hour is not a
 * dashboard bucket), the growth page for that channel around the day, or the connections page.
 * A path with query; the page adds nothing, the e-mail puts PUBLIC_URL in front.
 */
export function evidencePath(a: AlertView, agency: AgencyView, locale: UiLocale): string {
  const base = `/agencies/${agency.slug}`;
  const q = new URLSearchParams();
  if (locale !== "nb") q.set("lang", locale);
  const day = localDay(a.periodStart, agency.timeZone);
  if (a.kind === "reply_spike") {
    q.set("from", day);
    q.set("to", day);
    q.set("bucket", "day");
    q.set("channel", a.account.id);
    return `${base}/replies?${q}`;
  }
  if (a.kind === "follower_drop") {
    q.set("from", addDays(day, -13));
    q.set("to", day);
    q.set("bucket", "day");
    q.set("channel", a.account.id);
    return `${base}/growth?${q}`;
  }
  return `${base}/connections${q.size ? `?${q}` : ""}`;
}

export function channelLabel(a: Pick<AlertView, "account">, locale: UiLocale): string {
  return `${platformLabel(a.account.platform, locale)} · ${a.account.handle}`;
}

/** One sentence of counts: never a citizen's text or handle (an alert stores none). */
export function describeAlert(
  a: AlertView,
  agency: AgencyView,
  locale: UiLocale,
): { kind: string; channel: string; text: string } {
  const t = translator(locale, "alerts");
  const n = (v: number | null | undefined) =>
    formatNumber(v === null || v === undefined ? null : Math.round(v), locale);
  // A count in a plural message (formatted there, by the same Intl rules as formatNumber).
  const count = (v: number | null | undefined) => Math.round(v ?? 0);
  const details = (a.details ?? {}) as Record<string, unknown>;
  let text: string;
  switch (a.kind) {
    case "reply_spike":
      text = t("replySpike", {
        count: count(a.observed),
        hour: hourLabel(a, agency.timeZone, locale),
        expected: n(a.expected),
      });
      break;
    case "follower_drop":
      text = t("followerDrop", {
        loss: count(a.observed === null ? null : -a.observed),
        day: formatDay(localDay(a.periodStart, agency.timeZone), locale),
        before: n(Number(details.before)),
        after: n(Number(details.after)),
      });
      break;
    case "collection_failing":
      text = t("collectionFailing", {
        runs: count(a.observed),
        since: formatDateTime(a.periodStart, locale, agency.timeZone),
      });
      break;
    case "token_expiring":
      text =
        details.state === "needs_reconnect"
          ? t("needsReconnect")
          : t("tokenExpiring", { at: formatDateTime(a.periodStart, locale, agency.timeZone) });
      break;
  }
  return { kind: t(`kind_${a.kind}`), channel: channelLabel(a, locale), text };
}
