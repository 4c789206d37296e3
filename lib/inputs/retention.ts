import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { DEFAULT_RETENTION_MONTHS } from "./settings";

export type RetentionResult = { agencyId: string; retentionMonths: number; deletedReplies: number };

/**
 * Deletes replies (text, pseudonymised author and triage with them) older than the agency's
 * retention period that are not linked to any work item. Linked inputs are kept with the work item.
 * `now` is a parameter so the rule can be tested with a moved clock.
 */
export async function deleteExpiredReplies(db: Db, now: Date): Promise<RetentionResult[]> {
  const agencies = await db.$queryRaw<{ id: string; months: number }[]>(Prisma.sql`
    SELECT a.id, COALESCE(s.retention_months, ${DEFAULT_RETENTION_MONTHS}::int) AS months
    FROM agency a LEFT JOIN input_setting s ON s.agency_id = a.id ORDER BY a.id`);
  const results: RetentionResult[] = [];
  for (const a of agencies) {
    const deleted = await db.$executeRaw(Prisma.sql`
      DELETE FROM reply r
      WHERE r.agency_id = ${a.id}::uuid
        AND r.published_at < ${now.toISOString()}::timestamptz - make_interval(months => ${a.months}::int)
        AND NOT EXISTS (SELECT 1 FROM input_link l WHERE l.agency_id = r.agency_id AND l.reply_id = r.id)`);
    results.push({ agencyId: a.id, retentionMonths: a.months, deletedReplies: deleted });
  }
  return results;
}
