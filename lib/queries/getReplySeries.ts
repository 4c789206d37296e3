import type { Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { perPost } from "@/lib/metrics/definitions";
import { timeseries } from "@/lib/metrics/engine";
import type { Day } from "@/lib/time";
import { seriesEvents, type EventsWanted, type SeriesEvent } from "@/lib/metrics/seriesEvents";
import type { Bucket } from "./buckets";

export type ReplySeries = {
  /** Breaks and gaps of the series (only when `events` was asked for; lib/metrics/seriesEvents.ts). */
  events?: SeriesEvent[];
  buckets: Day[];
  channels: {
    accountId: string;
    platform: Platform;
    handle: string;
    displayName: string;
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
  params: { agencyId: string; from: Day; to: Day; bucket: Bucket; accountIds?: string[]; events?: EventsWanted },
): Promise<ReplySeries> {
  const s = await timeseries(
    db,
    { agencyIds: [params.agencyId], accountIds: params.accountIds },
    params,
    params.bucket,
  );
  const events = params.events
    ? await seriesEvents(db, s, params, params.events.metrics, params.events.today, params.events.timeZone)
    : undefined;
  return {
    ...(events ? { events } : {}),
    buckets: s.buckets,
    channels: s.channels
      .filter((c) => c.total.replies !== null)
      .map((c) => {
        const values = c.values.map((v) => v.replies);
        let busiest: { bucket: Day; replies: number } | null = null;
        values.forEach((v, i) => {
          if (v !== null && (busiest === null || v > busiest.replies)) busiest = { bucket: s.buckets[i]!, replies: v };
        });
        return {
          accountId: c.accountId,
          platform: c.platform,
          handle: c.handle,
          displayName: c.displayName,
          values,
          total: c.total.replies,
          posts: c.total.posts,
          repliesPerPost: perPost(c.total.replies, c.total.posts),
          busiest,
        };
      }),
  };
}
