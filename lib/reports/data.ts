import type { Db } from "@/lib/db/client";
import type { Platform } from "@/lib/generated/prisma/client";
import { getAudienceSeries } from "@/lib/queries/getAudienceSeries";
import { addDays, type Day } from "@/lib/time";
import type { ReportWeek } from "./week";

export type ReportAgency = { id: string; slug: string; name: string; timeZone: string; locale: "nb" | "sv" | "en" };

export type WeeklyReportData = {
  agency: ReportAgency;
  week: ReportWeek;
  channels: { platform: Platform; handle: string; displayName: string; audience: number | null; changeWeek: number | null; changeFourWeeks: number | null }[];
  /** Audience per channel for the 12 weeks up to this one, for the chart. */
  trend: { weeks: Day[]; series: { label: string; values: (number | null)[] }[] };
  topPosts: { handle: string; platform: Platform; text: string; permalink: string | null; publishedAt: Date; impressions: number | null; replies: number | null }[];
  replies: { total: number; perChannel: { handle: string; platform: Platform; count: number }[] };
  attention: { handle: string; platform: Platform; reason: "needs_reconnect" | "paused" | "gap"; daysMissing?: number }[];
  campaigns: { name: string; sentAt: Date; reached: number | null; targetPopulation: number | null }[];
};

const diff = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : a - b);

/** Everything in one agency's weekly report, read through the same query layer as the dashboard. */
export async function getWeeklyReportData(db: Db, agency: ReportAgency, week: ReportWeek): Promise<WeeklyReportData> {
  const trendFrom = addDays(week.start, -7 * 11);
  const audience = await getAudienceSeries(db, { agencyId: agency.id, from: trendFrom, to: week.end, bucket: "week" });
  const last = audience.buckets.length - 1;
  const channels = audience.series.map((s) => ({
    platform: s.platform,
    handle: s.handle,
    displayName: s.displayName,
    audience: s.values[last] ?? null,
    changeWeek: diff(s.values[last], s.values[last - 1]),
    changeFourWeeks: diff(s.values[last], s.values[last - 4]),
  }));

  const posts = await db.post.findMany({
    where: { agencyId: agency.id, publishedAt: { gte: week.from, lt: week.to } },
    orderBy: [{ impressions: { sort: "desc", nulls: "last" } }, { publishedAt: "asc" }],
    take: 5,
    select: { text: true, permalink: true, publishedAt: true, impressions: true, replies: true, account: { select: { handle: true, platform: true } } },
  });

  const accounts = await db.account.findMany({ where: { agencyId: agency.id }, select: { id: true, handle: true, platform: true, status: true }, orderBy: [{ platform: "asc" }, { handle: "asc" }] });
  const metrics = await db.accountDailyMetric.groupBy({
    by: ["accountId"],
    where: { agencyId: agency.id, day: { gte: new Date(`${week.start}T00:00:00Z`), lte: new Date(`${week.end}T00:00:00Z`) } },
    _count: { _all: true },
    _sum: { repliesReceived: true },
  });
  const byAccount = new Map(metrics.map((m) => [m.accountId, m]));
  const perChannel = accounts
    .map((a) => ({ handle: a.handle, platform: a.platform, count: byAccount.get(a.id)?._sum.repliesReceived ?? 0 }))
    .filter((c) => c.count > 0);

  const attention: WeeklyReportData["attention"] = [];
  for (const a of accounts) {
    if (a.status !== "active") attention.push({ handle: a.handle, platform: a.platform, reason: a.status });
    const days = byAccount.get(a.id)?._count._all ?? 0;
    if (days < 7) attention.push({ handle: a.handle, platform: a.platform, reason: "gap", daysMissing: 7 - days });
  }

  const campaigns = await db.campaign.findMany({
    where: { agencyId: agency.id, sentAt: { gte: week.from, lt: week.to } },
    orderBy: { sentAt: "asc" },
    select: { name: true, sentAt: true, reached: true, targetPopulation: true },
  });

  return {
    agency,
    week,
    channels,
    trend: { weeks: audience.buckets, series: audience.series.map((s) => ({ label: s.handle, values: s.values })) },
    topPosts: posts.map((p) => ({ handle: p.account.handle, platform: p.account.platform, text: p.text, permalink: p.permalink, publishedAt: p.publishedAt, impressions: p.impressions, replies: p.replies })),
    replies: { total: perChannel.reduce((s, c) => s + c.count, 0), perChannel },
    attention,
    campaigns,
  };
}
