import type { Db } from "@/lib/db/client";
import { DEFAULT_RETENTION_MONTHS } from "@/lib/inputs/settings";

/** How many months an agency keeps replies that are not linked to policy work. */
export async function getRetentionMonths(db: Db, agencyId: string): Promise<number> {
  const row = await db.inputSetting.findUnique({ where: { agencyId }, select: { retentionMonths: true } });
  return row?.retentionMonths ?? DEFAULT_RETENTION_MONTHS;
}
