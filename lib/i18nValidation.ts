import { z } from "zod";
import type { UiLocale } from "@/lib/format";

/**
 * Validation messages a person reads, in their language. Schemas carry message keys (below); every
 * other zod issue is worded by zod's own locale (no, sv, en) rather than shown in English.
 */
const nb = {
  name_required: "må fylles ut",
  sent_at_format: "må være en dato og et klokkeslett (f.eks. 2026-11-17T08:00)",
  reached_over_sent: "kan ikke være flere enn sendt",
  reached_over_target: "kan ikke være flere enn målgruppen",
  file_empty: "filen er tom",
  header_missing: (missing: string) => `første linje må navngi kolonnene name og sent_at (mangler: ${missing})`,
  line: (n: number) => `linje ${n}`,
  row: "raden",
  field: "feltet",
  fields: {
    name: "Navn",
    sentAt: "Sendt tidspunkt",
    sent: "Sendt",
    reached: "Nådd",
    targetPopulation: "Målgruppe",
    opens: "Åpnet",
    clicks: "Klikk",
    sort: "Sortering",
  } as Record<string, string>,
};
type Texts = typeof nb;
const en: Texts = {
  name_required: "is required",
  sent_at_format: "must be a date and time (e.g. 2026-11-17T08:00)",
  reached_over_sent: "cannot exceed sent",
  reached_over_target: "cannot exceed the target population",
  file_empty: "the file is empty",
  header_missing: (m) => `the header must name the columns name and sent_at (missing: ${m})`,
  line: (n) => `line ${n}`,
  row: "the row",
  field: "the field",
  fields: {
    name: "Name",
    sentAt: "Sent at",
    sent: "Sent",
    reached: "Reached",
    targetPopulation: "Target population",
    opens: "Opens",
    clicks: "Clicks",
    sort: "Sort",
  },
};
const sv: Texts = {
  name_required: "måste fyllas i",
  sent_at_format: "måste vara ett datum och en tid (t.ex. 2026-11-17T08:00)",
  reached_over_sent: "kan inte vara fler än skickade",
  reached_over_target: "kan inte vara fler än målgruppen",
  file_empty: "filen är tom",
  header_missing: (m) => `första raden måste namnge kolumnerna name och sent_at (saknas: ${m})`,
  line: (n) => `rad ${n}`,
  row: "raden",
  field: "fältet",
  fields: {
    name: "Namn",
    sentAt: "Skickad tid",
    sent: "Skickade",
    reached: "Nådda",
    targetPopulation: "Målgrupp",
    opens: "Öppnade",
    clicks: "Klick",
    sort: "Sortering",
  },
};

export function validationTexts(locale: UiLocale): Texts {
  return locale === "en" ? en : locale === "sv" ? sv : nb;
}

type Keyed = "name_required" | "sent_at_format" | "reached_over_sent" | "reached_over_target";
const KEYED = new Set<string>(["name_required", "sent_at_format", "reached_over_sent", "reached_over_target"]);
const ZOD_LOCALE = { nb: z.locales.no, sv: z.locales.sv, en: z.locales.en } as const;

/** One issue as a sentence: the field's name in the user's language, then what is wrong with it. */
export function issueText(issue: z.core.$ZodIssue, locale: UiLocale): string {
  const t = validationTexts(locale);
  const key = String(issue.path[0] ?? "");
  const label = t.fields[key] ?? (key || t.field);
  if (KEYED.has(issue.message)) return `${label}: ${t[issue.message as Keyed]}`;
  const worded = ZOD_LOCALE[locale]().localeError?.(issue as never);
  const text = typeof worded === "string" ? worded : worded?.message;
  return `${label}: ${text ?? issue.message}`;
}

/** All issues of a failed parse, joined for one message line. */
export function issuesText(error: z.ZodError, locale: UiLocale): string {
  return error.issues.map((i) => issueText(i, locale)).join("; ");
}
