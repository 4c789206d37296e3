import { Prisma, type Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { listAgencyAccounts } from "./listAgencyAccounts";
import { dateToDay, type Day } from "@/lib/time";
import { BUCKET_SQL, bucketStarts, type Bucket } from "./buckets";

export const SUMMED_METRICS = ["impressions", "reach", "engagements", "postsPublished", "repliesReceived"] as const;
export type SummedMetric = (typeof SUMMED_METRICS)[number];
type Sums = Record<SummedMetric, number | null>;

export type MetricSums = {
  buckets: Day[];
  accounts: {
    accountId: string; platform: Platform; handle: string; displayName: string;
    /** Per bucket; a metric is null when no collected day in the bucket knew it (a gap, not zero). */
    values: Sums[];
    total: Sums;
  }[];
};

const EMPTY: Sums = { impressions: null, reach: null, engagements: null, postsPublished: null, repliesReceived: null };

/**
 * Sums of the daily flow metrics per account and bucket, read from the daily rollup. The shared
 * engine behind the reach, engagement and replies views.
 */
export async function sumDailyMetrics(
  db: Db,
  params: { agencyId: string; from: Day; to: Day; bucket: Bucket; accountIds?: string[] },
): Promise<MetricSums> {
  const { unit } = BUCKET_SQL[params.bucket];
  const onlyAccounts = params.accountIds ? Prisma.sql`AND m.account_id = ANY(${params.accountIds}::uuid[])` : Prisma.empty;
  const rows = await db.$queryRaw<({ account_id: string; bucket: Date } & Record<"impressions" | "reach" | "engagements" | "posts" | "replies", number | null>)[]>(Prisma.sql`
    SELECT m.account_id, date_trunc(${unit}, m.day::timestamp)::date AS bucket,
           sum(m.impressions)::float8 AS impressions, sum(m.reach)::float8 AS reach, sum(m.engagements)::float8 AS engagements,
           sum(m.posts_published)::float8 AS posts, sum(m.replies_received)::float8 AS replies
    FROM account_daily_metric m
    WHERE m.agency_id = ${params.agencyId}::uuid AND m.day >= ${params.from}::date AND m.day <= ${params.to}::date ${onlyAccounts}
    GROUP BY 1, 2`);
  const accounts = await listAgencyAccounts(db, params.agencyId, params.accountIds);
  const buckets = bucketStarts(params.from, params.to, params.bucket);
  const position = new Map(buckets.map((b, i) => [b, i]));
  const values = new Map(accounts.map((a) => [a.id, buckets.map(() => ({ ...EMPTY }))]));
  for (const r of rows) {
    const slot = values.get(r.account_id)?.[position.get(dateToDay(r.bucket))!];
    if (!slot) continue;
    Object.assign(slot, { impressions: r.impressions, reach: r.reach, engagements: r.engagements, postsPublished: r.posts, repliesReceived: r.replies });
  }
  return {
    buckets,
    accounts: accounts.map((a) => {
      const v = values.get(a.id)!;
      const total = { ...EMPTY };
      for (const metric of SUMMED_METRICS) {
        const known = v.map((s) => s[metric]).filter((x): x is number => x !== null);
        total[metric] = known.length ? known.reduce((x, y) => x + y, 0) : null;
      }
      return { accountId: a.id, platform: a.platform, handle: a.handle, displayName: a.displayName, values: v, total };
    }),
  };
}
