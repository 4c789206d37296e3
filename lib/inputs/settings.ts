import { z } from "zod";
import type { Db } from "@/lib/db/client";

export const DEFAULT_RETENTION_MONTHS = 12;
export const RetentionMonthsSchema = z.coerce.number().int().min(1, "Minst 1 måned").max(240, "Høyst 240 måneder");

export async function setRetentionMonths(db: Db, agencyId: string, months: number): Promise<void> {
  const retentionMonths = RetentionMonthsSchema.parse(months);
  await db.inputSetting.upsert({
    where: { agencyId },
    create: { agencyId, retentionMonths },
    update: { retentionMonths, updatedAt: new Date() },
  });
}
