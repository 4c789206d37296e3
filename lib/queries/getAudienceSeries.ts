import { Prisma, type Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { dateToDay, type Day } from "@/lib/time";
import { BUCKET_SQL, type Bucket } from "./buckets";

export type AudienceSeries = {
  buckets: Day[];
  series: { accountId: string; platform: Platform; handle: string; displayName: string; values: (number | null)[] }[];
};

/**
 * Audience (followers, subscribers, fans, list size) per account at the end of each bucket:
 * the last value collected inside the bucket, or null when nothing was collected there (a gap).
 * Days are already local to the agency, so buckets follow its calendar.
 */
export async function getAudienceSeries(
  db: Db,
  params: { agencyId: string; from: Day; to: Day; bucket: Bucket },
): Promise<AudienceSeries> {
  const { unit, step } = BUCKET_SQL[params.bucket];
  const rows = await db.$queryRaw<{ account_id: string; bucket: Date; followers: number | null }[]>(Prisma.sql`
    WITH buckets AS (
      SELECT b::date AS bucket
      FROM generate_series(date_trunc(${unit}, ${params.from}::date), ${params.to}::date, ${step}) AS b
    )
    SELECT a.id AS account_id, b.bucket, (
      SELECT m.followers FROM account_daily_metric m
      WHERE m.agency_id = a.agency_id AND m.account_id = a.id
        AND m.day >= GREATEST(b.bucket, ${params.from}::date) AND m.day < b.bucket + ${step} AND m.day <= ${params.to}::date
        AND m.followers IS NOT NULL
      ORDER BY m.day DESC LIMIT 1
    ) AS followers
    FROM account a CROSS JOIN buckets b
    WHERE a.agency_id = ${params.agencyId}::uuid
    ORDER BY a.id, b.bucket`);
  const accounts = await db.account.findMany({
    where: { agencyId: params.agencyId },
    select: { id: true, platform: true, handle: true, displayName: true },
    orderBy: [{ platform: "asc" }, { handle: "asc" }],
  });
  const buckets = [...new Set(rows.map((r) => dateToDay(r.bucket)))].sort();
  const byAccount = new Map<string, (number | null)[]>();
  for (const r of rows) {
    const list = byAccount.get(r.account_id) ?? [];
    list.push(r.followers);
    byAccount.set(r.account_id, list);
  }
  return {
    buckets,
    series: accounts
      .map((a) => ({ accountId: a.id, platform: a.platform, handle: a.handle, displayName: a.displayName, values: byAccount.get(a.id) ?? [] }))
      .filter((s) => s.values.some((v) => v !== null)),
  };
}
