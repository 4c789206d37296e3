import type { Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { Day } from "@/lib/time";
import type { Bucket } from "./buckets";
import { sumDailyMetrics } from "./sumDailyMetrics";

export type ReachPoint = { impressions: number | null; reach: number | null; engagements: number | null; engagementRate: number | null };

export type ReachSeries = {
  buckets: Day[];
  channels: {
    accountId: string; platform: Platform; handle: string; displayName: string;
    values: ReachPoint[];
    total: ReachPoint & { posts: number | null; impressionsPerPost: number | null };
  }[];
};

function rate(engagements: number | null, impressions: number | null): number | null {
  return engagements !== null && impressions ? engagements / impressions : null;
}

/** Impressions, reach, engagements and engagement rate per channel and bucket, and over the range. */
export async function getReachSeries(
  db: Db,
  params: { agencyId: string; from: Day; to: Day; bucket: Bucket; accountIds?: string[] },
): Promise<ReachSeries> {
  const sums = await sumDailyMetrics(db, params);
  return {
    buckets: sums.buckets,
    channels: sums.accounts.map((a) => ({
      accountId: a.accountId, platform: a.platform, handle: a.handle, displayName: a.displayName,
      values: a.values.map((v) => ({ impressions: v.impressions, reach: v.reach, engagements: v.engagements, engagementRate: rate(v.engagements, v.impressions) })),
      total: {
        impressions: a.total.impressions, reach: a.total.reach, engagements: a.total.engagements,
        engagementRate: rate(a.total.engagements, a.total.impressions),
        posts: a.total.postsPublished,
        impressionsPerPost: a.total.impressions !== null && a.total.postsPublished ? a.total.impressions / a.total.postsPublished : null,
      },
    })),
  };
}
