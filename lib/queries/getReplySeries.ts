import type { Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { Day } from "@/lib/time";
import type { Bucket } from "./buckets";
import { sumDailyMetrics } from "./sumDailyMetrics";

export type ReplySeries = {
  buckets: Day[];
  channels: {
    accountId: string; platform: Platform; handle: string; displayName: string;
    /** Replies received per bucket; null where nothing was collected. */
    values: (number | null)[];
    total: number | null;
    posts: number | null;
    repliesPerPost: number | null;
    busiest: { bucket: Day; replies: number } | null;
  }[];
};

/** Volume of replies and comments per channel over time: for one-way channels, the load they receive. */
export async function getReplySeries(
  db: Db,
  params: { agencyId: string; from: Day; to: Day; bucket: Bucket; accountIds?: string[] },
): Promise<ReplySeries> {
  const sums = await sumDailyMetrics(db, params);
  return {
    buckets: sums.buckets,
    channels: sums.accounts
      .filter((a) => a.total.repliesReceived !== null)
      .map((a) => {
        const values = a.values.map((v) => v.repliesReceived);
        let busiest: { bucket: Day; replies: number } | null = null;
        values.forEach((v, i) => {
          if (v !== null && (busiest === null || v > busiest.replies)) busiest = { bucket: sums.buckets[i]!, replies: v };
        });
        return {
          accountId: a.accountId, platform: a.platform, handle: a.handle, displayName: a.displayName,
          values, total: a.total.repliesReceived, posts: a.total.postsPublished,
          repliesPerPost: a.total.repliesReceived !== null && a.total.postsPublished ? a.total.repliesReceived / a.total.postsPublished : null,
          busiest,
        };
      }),
  };
}
