import type { UiLocale } from "@/lib/format";

/** The summary line of a chart whose one-sentence summary cannot be computed while its table has figures (never "no data" beside data). */
export function summaryUnavailable(locale: UiLocale): string {
  return locale === "en"
    ? "No single figure sums this up for the chosen range; the figures are in the table."
    : locale === "sv"
      ? "Ingen enskild siffra sammanfattar den valda perioden; siffrorna finns i tabellen."
      : "Ingen enkelt tallverdi oppsummerer valgt periode; tallene står i tabellen.";
}
