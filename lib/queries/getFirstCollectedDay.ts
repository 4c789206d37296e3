import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { dateToDay, type Day } from "@/lib/time";

/** The first day any channel of the agency was collected (the start of the "all" range). */
export async function getFirstCollectedDay(db: Db, agencyId: string): Promise<Day | null> {
  const [row] = await db.$queryRaw<{ day: Date | null }[]>(Prisma.sql`
    SELECT min(day) AS day FROM account_daily_metric WHERE agency_id = ${agencyId}::uuid`);
  return row?.day ? dateToDay(row.day) : null;
}
