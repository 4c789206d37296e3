import type { Db } from "@/lib/db/client";
import { applyKeywordRules } from "@/lib/inputs/rules";

/** How far back the scheduled run looks; adding a rule labels the whole history at once. */
export const SUGGEST_WINDOW_DAYS = 14;

/** Every few minutes: pre-labels newly collected replies that match an agency's keyword rules. */
export async function runSuggestInputs(db: Db, now: Date = new Date()): Promise<number> {
  const agencies = await db.keywordRule.findMany({ distinct: ["agencyId"], select: { agencyId: true } });
  const since = new Date(now.getTime() - SUGGEST_WINDOW_DAYS * 86_400_000);
  let total = 0;
  for (const { agencyId } of agencies) total += await applyKeywordRules(db, agencyId, since);
  return total;
}
