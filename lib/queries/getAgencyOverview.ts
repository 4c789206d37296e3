import type { AccountStatus, Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { aggregate, audienceAt, combine, type Figures, type Metric, type PeriodRequest } from "@/lib/metrics/engine";
import { bucketPeriods, weekPeriods } from "@/lib/metrics/periods";
import { addDays, type Day } from "@/lib/time";

export type OverviewChannel = {
  accountId: string;
  platform: Platform;
  handle: string;
  displayName: string;
  status: AccountStatus;
  /** The latest known audience and its day. */
  audience: number | null;
  audienceDay: Day | null;
  /** Change during this ISO week so far, during the same days of last week, and during all of last week. */
  changeThisWeek: number | null;
  changeSameDaysLastWeek: number | null;
  changeLastWeek: number | null;
  /** Audience at the end of each of the last 12 ISO weeks (null = gap). */
  sparkline: (number | null)[];
  impressionsThisWeek: number | null;
  reachThisWeek: number | null;
  repliesThisWeek: number | null;
  /** Days without any collected row in the last 14 days (today excluded). */
  missingDays: number;
};

type Attention = {
  accountId: string;
  handle: string;
  platform: Platform;
  reason: "needs_reconnect" | "paused" | "collection_gap" | "series_break";
  missingDays: number;
  metric?: Metric;
  lastKnown?: Day;
};

export type AgencyOverview = {
  today: Day;
  thisWeek: Day;
  lastWeek: Day;
  /** Days of this ISO week so far (today included); the "same days" of last week are as many. */
  daysSoFar: number;
  sparklineWeeks: Day[];
  /** Followers across channels (not people): the sum of each channel's latest known audience, and how many channels it counts. */
  totalAudience: number | null;
  channelsCounted: number;
  totalChangeThisWeek: number | null;
  totalChangeSameDaysLastWeek: number | null;
  totalChangeLastWeek: number | null;
  impressionsThisWeek: number | null;
  impressionsSameDaysLastWeek: number | null;
  impressionsLastWeek: number | null;
  repliesThisWeek: number | null;
  repliesSameDaysLastWeek: number | null;
  repliesLastWeek: number | null;
  channels: OverviewChannel[];
  attention: Attention[];
};

const GAP_WINDOW = 14;

/**
 * The agency at a glance in ISO weeks of its own calendar. Like with like: this week so far is
 * compared with the same days of last week; "last week" is the complete week.
 */
export async function getAgencyOverview(db: Db, params: { agencyId: string; today: Day }): Promise<AgencyOverview> {
  const w = weekPeriods(params.today);
  const target = { agencyIds: [params.agencyId] };
  // The sparkline's weeks are plain periods of the same aggregate (audience at the end of each week),
  // so the whole overview is one statement beside the "now" lookup: one round trip of waiting.
  const weeks = bucketPeriods({ from: addDays(w.thisWeekSoFar.from, -7 * 11), to: params.today }, "week");
  const sparkPeriods: Record<`week${number}`, PeriodRequest> = Object.fromEntries(
    weeks.map((b, i) => [`week${i}`, { from: b.from, to: b.to }]),
  );
  const [now, rows] = await Promise.all([
    audienceAt(db, target, params.today),
    aggregate<`week${number}` | "thisWeek" | "sameDays" | "lastWeek" | "recent">(db, target, {
      ...sparkPeriods,
      thisWeek: { ...w.thisWeekSoFar, compare: true },
      sameDays: { ...w.sameDaysLastWeek, compare: true },
      lastWeek: { ...w.lastWeek, compare: true },
      recent: { from: addDays(params.today, -GAP_WINDOW), to: addDays(params.today, -1) },
    }),
  ]);
  const nowOf = new Map(now.channels.map((c) => [c.accountId, c]));
  const channels: OverviewChannel[] = rows.map((r) => ({
    accountId: r.accountId,
    platform: r.platform,
    handle: r.handle,
    displayName: r.displayName,
    status: r.status,
    audience: nowOf.get(r.accountId)?.audience ?? null,
    audienceDay: nowOf.get(r.accountId)?.audienceDay ?? null,
    changeThisWeek: r.figures.thisWeek.audienceChange,
    changeSameDaysLastWeek: r.figures.sameDays.audienceChange,
    changeLastWeek: r.figures.lastWeek.audienceChange,
    sparkline: weeks.map((_, i) => r.figures[`week${i}`]!.audience),
    impressionsThisWeek: r.figures.thisWeek.impressions,
    reachThisWeek: r.figures.thisWeek.reach,
    repliesThisWeek: r.figures.thisWeek.replies,
    missingDays: r.figures.recent.missingDays,
  }));
  const total = (key: "thisWeek" | "sameDays" | "lastWeek"): Figures =>
    combine(
      rows.map((r) => r.figures[key]),
      rows[0]?.figures[key].period ?? { from: params.today, to: params.today },
    );
  const [thisWeek, sameDays, lastWeek] = [total("thisWeek"), total("sameDays"), total("lastWeek")];

  const attention: Attention[] = [];
  for (const r of rows) {
    const base = {
      accountId: r.accountId,
      handle: r.handle,
      platform: r.platform,
      missingDays: r.figures.recent.missingDays,
    };
    if (r.status === "needs_reconnect" || r.status === "paused") attention.push({ ...base, reason: r.status });
    else if (base.missingDays > 0) attention.push({ ...base, reason: "collection_gap" });
    for (const b of r.figures.recent.breaks)
      attention.push({ ...base, reason: "series_break", metric: b.metric, lastKnown: b.lastKnown });
  }
  return {
    today: params.today,
    thisWeek: w.thisWeekSoFar.from,
    lastWeek: w.lastWeek.from,
    daysSoFar: w.daysSoFar,
    sparklineWeeks: weeks.map((b) => b.start),
    totalAudience: now.total,
    channelsCounted: now.channelsCounted,
    totalChangeThisWeek: thisWeek.audienceChange,
    totalChangeSameDaysLastWeek: sameDays.audienceChange,
    totalChangeLastWeek: lastWeek.audienceChange,
    impressionsThisWeek: thisWeek.impressions,
    impressionsSameDaysLastWeek: sameDays.impressions,
    impressionsLastWeek: lastWeek.impressions,
    repliesThisWeek: thisWeek.replies,
    repliesSameDaysLastWeek: sameDays.replies,
    repliesLastWeek: lastWeek.replies,
    channels,
    attention,
  };
}
