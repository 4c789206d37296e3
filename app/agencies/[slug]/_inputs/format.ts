import type { UiLocale } from "@/lib/format";

const INTL: Record<UiLocale, string> = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" };

/** 38 % in Norwegian, 38% in English; "–" when there is nothing to divide by. */
export function formatShare(part: number, whole: number, locale: UiLocale = "nb"): string {
  if (whole === 0) return "–";
  return new Intl.NumberFormat(INTL[locale], { style: "percent", maximumFractionDigits: 0 }).format(part / whole);
}

export function formatDecimal(value: number, locale: UiLocale = "nb"): string {
  return new Intl.NumberFormat(INTL[locale], { maximumFractionDigits: 1 }).format(value);
}
