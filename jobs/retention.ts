import type { Db } from "@/lib/db/client";
import { deleteExpiredReplies, type RetentionResult } from "@/lib/inputs/retention";

/** Nightly: deletes replies past each agency's retention period unless they are linked to policy work. */
export async function runRetention(db: Db, now: Date = new Date()): Promise<RetentionResult[]> {
  const results = await deleteExpiredReplies(db, now);
  const total = results.reduce((s, r) => s + r.deletedReplies, 0);
  if (total > 0) console.log(`[retention] deleted ${total} replies past retention`);
  return results;
}
