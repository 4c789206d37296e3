import type { Day } from "@/lib/time";
import { isoWeek, localDay } from "@/lib/time";

export type UiLocale = "nb" | "sv" | "en";

const INTL: Record<UiLocale, string> = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" };

// Making an Intl.NumberFormat costs far more than formatting with it (a table of thousands of cells
// spent most of its time there): one formatter per locale and style, made on first use.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: UiLocale, style: "plain" | "signed" | "percent", digits = 0): Intl.NumberFormat {
  const key = `${locale}/${style}/${digits}`;
  let fmt = numberFormats.get(key);
  if (!fmt) {
    fmt = new Intl.NumberFormat(
      INTL[locale],
      style === "signed"
        ? { signDisplay: "exceptZero" }
        : style === "percent"
          ? { style: "percent", maximumFractionDigits: digits }
          : {},
    );
    numberFormats.set(key, fmt);
  }
  return fmt;
}

/** 312 000 in Norwegian and Swedish, 312,000 in English. */
export function formatNumber(value: number | null, locale: UiLocale): string {
  if (value === null) return "–";
  return numberFormat(locale, "plain").format(value);
}

/** 23.11.2026 in Norwegian. */
export function formatDay(day: Day, locale: UiLocale): string {
  const [y, m, d] = day.split("-");
  if (locale === "nb") return `${d}.${m}.${y}`;
  if (locale === "sv") return `${y}-${m}-${d}`;
  return `${d}/${m}/${y}`;
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/** The clock time of an instant in a time zone, 24-hour: 14:05 in every language. */
export function formatTime(instant: Date, timeZone: string): string {
  let fmt = timeFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    timeFormatters.set(timeZone, fmt);
  }
  return fmt.format(instant);
}

/**
 * An instant as the agency sees it: its day written as formatDay writes days (the same on every page) and the time
 * in the agency's time zone — 23.11.2026 14:05, 2026-11-23 14:05, 23/11/2026 14:05.
 */
export function formatDateTime(instant: Date, locale: UiLocale, timeZone: string): string {
  return `${formatDay(localDay(instant, timeZone), locale)} ${formatTime(instant, timeZone)}`;
}

const WEEK_WORD: Record<UiLocale, string> = { nb: "uke", sv: "vecka", en: "week" };

/** "uke 47" (with the ISO year when it is not the current one). */
export function formatWeek(day: Day, locale: UiLocale, withYear = false): string {
  const { year, week } = isoWeek(day);
  return `${WEEK_WORD[locale]} ${week}${withYear ? ` ${year}` : ""}`;
}

const MONTHS: Record<UiLocale, string[]> = {
  nb: ["jan.", "feb.", "mar.", "apr.", "mai", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "des."],
  sv: ["jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "dec."],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};

export function formatMonth(day: Day, locale: UiLocale): string {
  const [y, m] = day.split("-");
  return `${MONTHS[locale][Number(m) - 1]} ${y}`;
}

/** 20 % in Norwegian (a share 0..1 in, a percentage out); "–" when unknown. */
export function formatPercent(share: number | null, locale: UiLocale, digits = 1): string {
  if (share === null || !Number.isFinite(share)) return "–";
  return numberFormat(locale, "percent", digits).format(share);
}

/** A signed change: +1 204 / −310. */
export function formatChange(value: number | null, locale: UiLocale): string {
  if (value === null) return "–";
  return numberFormat(locale, "signed").format(value);
}

/** The label of a time bucket starting on `day`: 23.11.2026, "uke 47 2026" or "nov. 2026". */
export function formatBucket(day: Day, bucket: "day" | "week" | "month", locale: UiLocale): string {
  if (bucket === "week") return formatWeek(day, locale, true);
  if (bucket === "month") return formatMonth(day, locale);
  return formatDay(day, locale);
}

export function intlLocale(locale: UiLocale): string {
  return INTL[locale];
}
