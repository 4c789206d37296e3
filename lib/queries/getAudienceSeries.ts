import { Prisma, type Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { listAgencyAccounts } from "./listAgencyAccounts";
import { dateToDay, type Day } from "@/lib/time";
import { BUCKET_SQL, bucketStarts, type Bucket } from "./buckets";

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
  params: { agencyId: string; from: Day; to: Day; bucket: Bucket; accountIds?: string[] },
): Promise<AudienceSeries> {
  const { unit } = BUCKET_SQL[params.bucket];
  const onlyAccounts = params.accountIds ? Prisma.sql`AND m.account_id = ANY(${params.accountIds}::uuid[])` : Prisma.empty;
  // :TRICKY: one grouped pass over the rollup (index on agency_id, day) instead of a lookup per
  // bucket; the last known value of a bucket is the first of its values ordered newest first.
  const rows = await db.$queryRaw<{ account_id: string; bucket: Date; followers: number }[]>(Prisma.sql`
    SELECT m.account_id, date_trunc(${unit}, m.day::timestamp)::date AS bucket,
           (array_agg(m.followers ORDER BY m.day DESC))[1] AS followers
    FROM account_daily_metric m
    WHERE m.agency_id = ${params.agencyId}::uuid AND m.day >= ${params.from}::date AND m.day <= ${params.to}::date
      AND m.followers IS NOT NULL ${onlyAccounts}
    GROUP BY 1, 2`);
  const accounts = await listAgencyAccounts(db, params.agencyId, params.accountIds);
  const buckets = bucketStarts(params.from, params.to, params.bucket);
  const position = new Map(buckets.map((b, i) => [b, i]));
  const byAccount = new Map<string, (number | null)[]>();
  for (const r of rows) {
    const list = byAccount.get(r.account_id) ?? buckets.map(() => null);
    list[position.get(dateToDay(r.bucket))!] = r.followers;
    byAccount.set(r.account_id, list);
  }
  return {
    buckets,
    series: accounts
      .filter((a) => byAccount.has(a.id))
      .map((a) => ({ accountId: a.id, platform: a.platform, handle: a.handle, displayName: a.displayName, values: byAccount.get(a.id)! })),
  };
}
