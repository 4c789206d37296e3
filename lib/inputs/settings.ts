import { z } from "zod";
import type { Db } from "@/lib/db/client";

export const DEFAULT_RETENTION_MONTHS = 12;
/** Its messages are keys of the "validation" namespace, worded in the page's language by lib/intl/zodIssues.ts. */
export const RetentionMonthsSchema = z.coerce
  .number({ message: "months_range" })
  .int("months_range")
  .min(1, "months_range")
  .max(240, "months_range");

export async function setRetentionMonths(db: Db, agencyId: string, months: number): Promise<void> {
  const retentionMonths = RetentionMonthsSchema.parse(months);
  await db.inputSetting.upsert({
    where: { agencyId },
    create: { agencyId, retentionMonths },
    update: { retentionMonths, updatedAt: new Date() },
  });
}
