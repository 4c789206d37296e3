import { formatDay, type UiLocale } from "@/lib/format";
import { localDay } from "@/lib/time";

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/** 23.11.2026 kl. 14:05 in the agency's time zone (23/11/2026 14:05 in English). */
export function formatInstant(at: Date, timeZone: string, locale: UiLocale = "nb"): string {
  let fmt = timeFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("nb-NO", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    timeFormatters.set(timeZone, fmt);
  }
  const time = fmt.format(at).replace(".", ":");
  return `${formatDay(localDay(at, timeZone), locale)}${locale === "nb" ? " kl." : ""} ${time}`;
}

const INTL: Record<UiLocale, string> = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" };

/** 38 % in Norwegian, 38% in English; "–" when there is nothing to divide by. */
export function formatShare(part: number, whole: number, locale: UiLocale = "nb"): string {
  if (whole === 0) return "–";
  return new Intl.NumberFormat(INTL[locale], { style: "percent", maximumFractionDigits: 0 }).format(part / whole);
}

export function formatDecimal(value: number, locale: UiLocale = "nb"): string {
  return new Intl.NumberFormat(INTL[locale], { maximumFractionDigits: 1 }).format(value);
}
