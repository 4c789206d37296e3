import type { UiLocale } from "@/lib/format";
import type { Day } from "@/lib/time";

/**
 * Dates typed into the filter form, in the agency's own way of writing them: 23.11.2026 (nb),
 * 2026-11-23 (sv), 23/11/2026 (en). Text fields rather than the browser's date input, whose format
 * follows the browser's locale (mm/dd/yyyy in an English browser) rather than the page's.
 */
export const DATE_INPUT: Record<UiLocale, { pattern: string; placeholder: Record<UiLocale, string> }> = {
  nb: {
    pattern: "\\d{1,2}\\.\\d{1,2}\\.\\d{4}|\\d{4}-\\d{2}-\\d{2}",
    placeholder: { nb: "dd.mm.åååå", en: "dd.mm.yyyy", sv: "dd.mm.åååå" },
  },
  sv: { pattern: "\\d{4}-\\d{2}-\\d{2}", placeholder: { nb: "åååå-mm-dd", en: "yyyy-mm-dd", sv: "åååå-mm-dd" } },
  en: {
    pattern: "\\d{1,2}/\\d{1,2}/\\d{4}|\\d{4}-\\d{2}-\\d{2}",
    placeholder: { nb: "dd/mm/åååå", en: "dd/mm/yyyy", sv: "dd/mm/åååå" },
  },
};

/** A typed date (23.11.2026, 23/11/2026, 2026-11-23) as an ISO day, or null when it is not one of those or not a real day. */
export function parseTypedDay(text: string): Day | null {
  const s = text.trim();
  const m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s) ?? null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const [y, mo, d] = m
    ? [Number(m[3]), Number(m[2]), Number(m[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [NaN, NaN, NaN];
  if (!Number.isInteger(y)) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
