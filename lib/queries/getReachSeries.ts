import type { Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { engagementRate, perPost } from "@/lib/metrics/definitions";
import { timeseries, type Figures } from "@/lib/metrics/engine";
import type { Day } from "@/lib/time";
import { seriesEvents, type EventsWanted, type SeriesEvent } from "@/lib/metrics/seriesEvents";
import type { Bucket } from "./buckets";

export type ReachPoint = {
  impressions: number | null;
  reach: number | null;
  engagements: number | null;
  engagementRate: number | null;
};

export type ReachSeries = {
  /** Breaks and gaps of the series (only when `events` was asked for; lib/metrics/seriesEvents.ts). */
  events?: SeriesEvent[];
  buckets: Day[];
  channels: {
    accountId: string;
    platform: Platform;
    handle: string;
    displayName: string;
    values: ReachPoint[];
    total: ReachPoint & { posts: number | null; impressionsPerPost: number | null };
  }[];
};

const point = (f: Figures): ReachPoint => ({
  impressions: f.impressions,
  reach: f.reach,
  engagements: f.engagements,
  engagementRate: engagementRate(f.engagements, f.impressions),
});

/** Impressions, reach (never added across channels), engagements and engagement rate per channel and bucket, and over the range. */
export async function getReachSeries(
  db: Db,
  params: { agencyId: string; from: Day; to: Day; bucket: Bucket; accountIds?: string[]; events?: EventsWanted },
): Promise<ReachSeries> {
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
    channels: s.channels.map((c) => ({
      accountId: c.accountId,
      platform: c.platform,
      handle: c.handle,
      displayName: c.displayName,
      values: c.values.map(point),
      total: {
        ...point(c.total),
        posts: c.total.posts,
        impressionsPerPost: perPost(c.total.impressions, c.total.posts),
      },
    })),
  };
}
