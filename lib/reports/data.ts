import type { Db } from "@/lib/db/client";
import type { Platform } from "@/lib/generated/prisma/client";
import { aggregate, combine, timeseries } from "@/lib/metrics/engine";
import type { Metric } from "@/lib/metrics/engine";
import { reportScope } from "@/lib/metrics/scope";
import { getCampaignReach, type CampaignReach } from "@/lib/queries/getCampaignReach";
import { getTopPosts, type TopPost } from "@/lib/queries/getTopPosts";
import { getPeriodComparison, type PeriodComparison } from "@/lib/queries/getPeriodComparison";
import { seriesEvents, type SeriesEvent } from "@/lib/metrics/seriesEvents";
import { addDays, daysBetween, localDay, type Day } from "@/lib/time";
import { EXPIRY_WARNING_DAYS } from "@/lib/platforms/tokens";
import type { ReportWeek } from "./week";

export type ReportAgency = { id: string; slug: string; name: string; timeZone: string; locale: "nb" | "sv" | "en" };

export type WeeklyReportData = {
  agency: ReportAgency;
  week: ReportWeek;
  channels: {
    accountId: string;
    platform: Platform;
    handle: string;
    audience: number | null;
    changeWeek: number | null;
    changeFourWeeks: number | null;
    replies: number | null;
  }[];
  /** Followers across the channels (not people) at the end of the week, and how many channels that counts. */
  totalAudience: number | null;
  channelsCounted: number;
  /** Audience per channel for the 12 weeks up to this one, for the chart. */
  trend: { weeks: Day[]; series: { label: string; values: (number | null)[] }[] };
  topPosts: TopPost[];
  replies: { total: number | null };
  attention: {
    handle: string;
    platform: Platform;
    reason: "needs_reconnect" | "paused" | "collection_gap" | "series_break" | "token_expiring";
    missingDays?: number;
    metric?: Metric;
    lastKnown?: Day;
    expiresOn?: Day;
  }[];
  campaigns: CampaignReach[];
  /** The week beside the week before and the same ISO week a year earlier (52 weeks back: the same weekdays), by the engine's definitions. */
  compared: { previous: PeriodComparison; year: PeriodComparison };
  /** Breaks and gaps in the 12 weeks of the chart (lib/metrics/seriesEvents.ts), said in words under it. */
  trendEvents: (SeriesEvent & { handle: string; platform: Platform })[];
};

/**
 * Everything in one agency's weekly report, through the metric engine with the dashboard's own
 * definitions (the week is a complete ISO week; its change is measured against the week before,
 * the four-week change against the four weeks before), so the e-mail shows the dashboard's numbers.
 */
export async function getWeeklyReportData(db: Db, agency: ReportAgency, week: ReportWeek): Promise<WeeklyReportData> {
  const scope = reportScope(agency, week);
  const base = { agencyId: agency.id, timeZone: scope.timeZone, ...scope.period };
  const target = { agencyIds: [agency.id] };
  const weekPeriod = { from: week.start, to: week.end };
  const besides = (other: { from: Day; to: Day }, mode: "previous" | "year") =>
    getPeriodComparison(db, target, {
      mode,
      current: weekPeriod,
      other,
      partial: false,
      todayLeftOut: false,
      days: 7,
      otherDays: daysBetween(other.from, other.to) + 1,
    });
  const [rows, trend, topPosts, campaigns, previous, year] = await Promise.all([
    aggregate(db, target, {
      week: { from: week.start, to: week.end, compare: true },
      fourWeeks: { from: addDays(week.start, -21), to: week.end, compare: true },
    }),
    timeseries(db, target, { from: addDays(week.start, -7 * 11), to: week.end }, "week"),
    getTopPosts(db, { ...base, sort: "impressions", limit: 5 }),
    getCampaignReach(db, base),
    besides({ from: addDays(week.start, -7), to: addDays(week.end, -7) }, "previous"),
    besides({ from: addDays(week.start, -364), to: addDays(week.end, -364) }, "year"),
  ]);
  const trendRange = { from: addDays(week.start, -7 * 11), to: week.end };
  const events = await seriesEvents(
    db,
    trend,
    trendRange,
    ["audience", "impressions", "replies"],
    scope.today,
    scope.timeZone,
  );
  const channelOf = new Map(trend.channels.map((c) => [c.accountId, c]));
  const withAudience = new Set(
    trend.channels.filter((c) => c.values.some((v) => v.audience !== null)).map((c) => c.accountId),
  );
  const weekTotal = combine(
    rows.map((r) => r.figures.week),
    { from: week.start, to: week.end },
  );
  const attention: WeeklyReportData["attention"] = [];
  // Removed channels whose history was kept need no attention; a grant ending within 7 days does.
  const [archived, expiring] = await Promise.all([
    db.account.findMany({ where: { agencyId: agency.id, archivedAt: { not: null } }, select: { id: true } }),
    db.account.findMany({
      where: {
        agencyId: agency.id,
        status: "active",
        archivedAt: null,
        credential: { grantExpiresAt: { lte: new Date(Date.now() + EXPIRY_WARNING_DAYS * 86_400_000) } },
      },
      select: { platform: true, handle: true, credential: { select: { grantExpiresAt: true } } },
    }),
  ]);
  const archivedIds = new Set(archived.map((a) => a.id));
  for (const e of expiring)
    attention.push({
      handle: e.handle,
      platform: e.platform,
      reason: "token_expiring",
      expiresOn: localDay(e.credential!.grantExpiresAt!, agency.timeZone),
    });
  for (const r of rows) {
    if (archivedIds.has(r.accountId)) continue;
    const f = r.figures.week;
    if (r.status !== "active") attention.push({ handle: r.handle, platform: r.platform, reason: r.status });
    if (f.missingDays > 0)
      attention.push({ handle: r.handle, platform: r.platform, reason: "collection_gap", missingDays: f.missingDays });
    for (const b of f.breaks)
      attention.push({
        handle: r.handle,
        platform: r.platform,
        reason: "series_break",
        metric: b.metric,
        lastKnown: b.lastKnown,
      });
  }
  return {
    agency,
    week,
    channels: rows
      .filter((r) => withAudience.has(r.accountId))
      .map((r) => ({
        accountId: r.accountId,
        platform: r.platform,
        handle: r.handle,
        audience: r.figures.week.audience,
        changeWeek: r.figures.week.audienceChange,
        changeFourWeeks: r.figures.fourWeeks.audienceChange,
        replies: r.figures.week.replies,
      })),
    totalAudience: weekTotal.audience,
    channelsCounted: rows.filter((r) => r.figures.week.reported.audience).length,
    trend: {
      weeks: trend.buckets,
      series: trend.channels
        .filter((c) => withAudience.has(c.accountId))
        .map((c) => ({ label: c.handle, values: c.values.map((v) => v.audience) })),
    },
    topPosts,
    replies: { total: weekTotal.replies },
    attention,
    campaigns,
    compared: { previous, year },
    trendEvents: events.map((e) => ({
      ...e,
      handle: channelOf.get(e.accountId)!.handle,
      platform: channelOf.get(e.accountId)!.platform,
    })),
  };
}
