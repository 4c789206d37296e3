import type { Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { growthShare } from "@/lib/metrics/definitions";
import { breakdown, timeseries, type Figures, type Metric } from "@/lib/metrics/engine";
import type { Day } from "@/lib/time";
import { seriesEvents, type EventsWanted, type SeriesEvent } from "@/lib/metrics/seriesEvents";
import type { Bucket } from "./buckets";

export type GrowthSeries = {
  key: string;
  label: string;
  platform: Platform;
  /** Audience at the end of each bucket; null = nothing collected in that bucket (a gap). */
  absolute: (number | null)[];
  /** Change since the end of the previous bucket; null when either end is unknown. */
  net: (number | null)[];
};

/** Growth over the whole range: audience at the end of the range against the end of the equally long stretch before it. */
export type RangeGrowth = {
  start: number | null;
  startDay: Day | null;
  end: number | null;
  endDay: Day | null;
  change: number | null;
  changeShare: number | null;
};

export type ChannelGrowthSummary = {
  accountId: string;
  platform: Platform;
  handle: string;
  displayName: string;
} & RangeGrowth;

export type ChannelGrowth = {
  /** Breaks and gaps of the series (only when `events` was asked for; lib/metrics/seriesEvents.ts). */
  events?: SeriesEvent[];
  from: Day;
  to: Day;
  bucket: Bucket;
  buckets: Day[];
  accounts: GrowthSeries[];
  platforms: GrowthSeries[];
  /** Per channel over the whole range, fastest growing (by share) first. */
  summary: ChannelGrowthSummary[];
  /** Per platform (its channels' followers added together) by the same definition, fastest first. */
  platformSummary: ({ platform: Platform } & RangeGrowth)[];
};

function rangeGrowth(f: Figures): RangeGrowth {
  return {
    start: f.audienceBefore,
    startDay: f.audienceBeforeDay,
    end: f.audience,
    endDay: f.audienceDay,
    change: f.audienceChange,
    changeShare: growthShare(f.audienceChange, f.audienceBefore),
  };
}
const byShare = (a: RangeGrowth, b: RangeGrowth) => (b.changeShare ?? -Infinity) - (a.changeShare ?? -Infinity);

/** Followers/subscribers over time per channel and per platform, absolute and net, with the growth over the range. */
export async function getChannelGrowth(
  db: Db,
  params: { agencyId: string; from: Day; to: Day; bucket: Bucket; accountIds?: string[]; events?: EventsWanted },
): Promise<ChannelGrowth> {
  // Only the audience is read, and the metrics whose events were asked for (their breaks and gaps).
  const metrics = [...new Set<Metric>(["audience", ...(params.events?.metrics ?? [])])];
  const series = await timeseries(
    db,
    { agencyIds: [params.agencyId], accountIds: params.accountIds },
    params,
    params.bucket,
    { metrics },
  );
  const events = params.events
    ? await seriesEvents(db, series, params, params.events.metrics, params.events.today, params.events.timeZone)
    : undefined;
  const withAudience = series.channels.filter((c) => c.values.some((v) => v.audience !== null));
  const line = (key: string, label: string, platform: Platform, values: Figures[]): GrowthSeries => ({
    key,
    label,
    platform,
    absolute: values.map((v) => v.audience),
    net: values.map((v) => v.audienceChange),
  });
  const platforms = breakdown(withAudience, (c) => c.platform);
  return {
    ...(events ? { events } : {}),
    from: params.from,
    to: params.to,
    bucket: params.bucket,
    buckets: series.buckets,
    accounts: withAudience.map((c) => line(c.accountId, c.handle, c.platform, c.values)),
    platforms: platforms.map((p) => line(p.group, p.group, p.group, p.values)),
    summary: withAudience
      .map((c) => ({
        accountId: c.accountId,
        platform: c.platform,
        handle: c.handle,
        displayName: c.displayName,
        ...rangeGrowth(c.total),
      }))
      .sort(byShare),
    platformSummary: platforms.map((p) => ({ platform: p.group, ...rangeGrowth(p.total) })).sort(byShare),
  };
}
