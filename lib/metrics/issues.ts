import type { z } from "zod";
import type { UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";

export type Issue = { parameter: string | null; message: string };

type Keyed = "issueDate" | "issueTypedDate" | "issueNeedsBoth" | "issueToBeforeFrom" | "issueChannel" | "issueInvalid";
const KEYED = new Set<string>([
  "issueDate",
  "issueTypedDate",
  "issueNeedsBoth",
  "issueToBeforeFrom",
  "issueChannel",
  "issueInvalid",
]);

/** Zod's issues as the user reads them: the parameter and what is wrong with it, in their language. */
export function translateIssues(issues: readonly z.core.$ZodIssue[], locale: UiLocale): Issue[] {
  const t = translator(locale, "metrics");
  return issues.map((i) => {
    const parameter = i.path.join(".") || null;
    if (KEYED.has(i.message)) return { parameter, message: t(i.message as Keyed) };
    if (parameter?.startsWith("channel")) return { parameter: "channel", message: t("issueChannel") };
    if (i.code === "invalid_value")
      return { parameter, message: t("issueOneOf", { values: i.values.map(String).join(", ") }) };
    if (i.code === "invalid_union" || i.code === "invalid_format") return { parameter, message: t("issueInvalid") };
    if ((i.code === "too_small" || i.code === "too_big") && parameter === "limit")
      return { parameter, message: t("issueNumber", { min: "1", max: "500" }) };
    return { parameter, message: locale === "en" ? i.message : t("issueInvalid") };
  });
}
