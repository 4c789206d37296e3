import { z } from "zod";
import type { UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";

/**
 * Validation messages a person reads, in their language. Schemas carry keys of the "validation" namespace as
 * their messages (below); every other zod issue is worded by zod's own locale (no, sv, en) rather than in English.
 */
const KEYED = [
  "name_required",
  "sent_at_format",
  "reached_over_sent",
  "reached_over_target",
  "title_short",
  "status_choose",
  "months_range",
  "work_choose",
  "handle_required",
  "erase_confirm",
  "keyword_short",
] as const;
type Keyed = (typeof KEYED)[number];
const FIELDS = [
  "name",
  "sentAt",
  "sent",
  "reached",
  "targetPopulation",
  "opens",
  "clicks",
  "sort",
  "title",
  "to",
  "months",
  "workItemId",
  "handle",
  "confirm",
  "keyword",
] as const;
type Field = (typeof FIELDS)[number];
const ZOD_LOCALE = { nb: z.locales.no, sv: z.locales.sv, en: z.locales.en } as const;

const isKeyed = (message: string): message is Keyed => (KEYED as readonly string[]).includes(message);
const isField = (key: string): key is Field => (FIELDS as readonly string[]).includes(key);

/** One issue as a sentence: the field's name in the user's language, then what is wrong with it. */
export function issueText(issue: z.core.$ZodIssue, locale: UiLocale): string {
  const t = translator(locale, "validation");
  const key = String(issue.path[0] ?? "");
  const label = isField(key) ? t(`fields.${key}`) : key || t("field");
  if (isKeyed(issue.message)) return `${label}: ${t(issue.message)}`;
  const worded = ZOD_LOCALE[locale]().localeError?.(issue as never);
  const text = typeof worded === "string" ? worded : worded?.message;
  return `${label}: ${text ?? issue.message}`;
}

/** All issues of a failed parse, joined for one message line. */
export function issuesText(error: z.ZodError, locale: UiLocale): string {
  return error.issues.map((i) => issueText(i, locale)).join("; ");
}
