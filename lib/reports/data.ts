import type { Db } from "@/lib/db/client";
import type { Platform } from "@/lib/generated/prisma/client";
import { getCampaignReach, type CampaignReach } from "@/lib/queries/getCampaignReach";
import { getChannelGrowth } from "@/lib/queries/getChannelGrowth";
import { getReplySeries } from "@/lib/queries/getReplySeries";
import { getTopPosts, type TopPost } from "@/lib/queries/getTopPosts";
import { listAgencyAccounts } from "@/lib/queries/listAgencyAccounts";
import { addDays, localDay, type Day } from "@/lib/time";
import { EXPIRY_WARNING_DAYS } from "@/lib/platforms/tokens";
import type { ReportWeek } from "./week";

export type ReportAgency = { id: string; slug: string; name: string; timeZone: string; locale: "nb" | "sv" | "en" };

export type WeeklyReportData = {
  agency: ReportAgency;
  week: ReportWeek;
  channels: { platform: Platform; handle: string; audience: number | null; changeWeek: number | null; changeFourWeeks: number | null; replies: number | null }[];
  /** Audience per channel for the 12 weeks up to this one, for the chart. */
  trend: { weeks: Day[]; series: { label: string; values: (number | null)[] }[] };
  topPosts: TopPost[];
  replies: { total: number };
  attention: { handle: string; platform: Platform; reason: "needs_reconnect" | "paused" | "gap" | "token_expiring"; daysMissing?: number; expiresOn?: Day }[];
  campaigns: CampaignReach[];
};

const diff = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : a - b);

/**
 * Everything in one agency's weekly report, from the dashboard's own query functions (growth,
 * top posts, replies, campaigns) for the same days, so the e-mail shows the dashboard's numbers.
 */
export async function getWeeklyReportData(db: Db, agency: ReportAgency, week: ReportWeek): Promise<WeeklyReportData> {
  const base = { agencyId: agency.id, timeZone: agency.timeZone };
  const [growth, weekReplies, topPosts, campaigns, accounts] = await Promise.all([
    getChannelGrowth(db, { agencyId: agency.id, from: addDays(week.start, -7 * 11), to: week.end, bucket: "week" }),
    getReplySeries(db, { agencyId: agency.id, from: week.start, to: week.end, bucket: "week" }),
    getTopPosts(db, { ...base, from: week.start, to: week.end, sort: "impressions", limit: 5 }),
    getCampaignReach(db, { ...base, from: week.start, to: week.end }),
    listAgencyAccounts(db, agency.id),
  ]);
  const last = growth.buckets.length - 1;
  const repliesOf = new Map(weekReplies.channels.map((c) => [c.accountId, c.total]));
  const channels = growth.accounts.map((s) => ({
    platform: s.platform,
    handle: s.label,
    audience: s.absolute[last] ?? null,
    changeWeek: diff(s.absolute[last], s.absolute[last - 1]),
    changeFourWeeks: diff(s.absolute[last], s.absolute[last - 4]),
    replies: repliesOf.get(s.key) ?? null,
  }));

  const collectedDays = await db.accountDailyMetric.groupBy({
    by: ["accountId"],
    where: { agencyId: agency.id, day: { gte: new Date(`${week.start}T00:00:00Z`), lte: new Date(`${week.end}T00:00:00Z`) } },
    _count: { _all: true },
  });
  const daysOf = new Map(collectedDays.map((m) => [m.accountId, m._count._all]));
  const attention: WeeklyReportData["attention"] = [];
  // Removed channels whose history was kept need no attention; a grant ending within 7 days does.
  const [archived, expiring] = await Promise.all([
    db.account.findMany({ where: { agencyId: agency.id, archivedAt: { not: null } }, select: { id: true } }),
    db.account.findMany({
      where: { agencyId: agency.id, status: "active", archivedAt: null, credential: { grantExpiresAt: { lte: new Date(Date.now() + EXPIRY_WARNING_DAYS * 86_400_000) } } },
      select: { platform: true, handle: true, credential: { select: { grantExpiresAt: true } } },
    }),
  ]);
  const archivedIds = new Set(archived.map((a) => a.id));
  for (const e of expiring) attention.push({ handle: e.handle, platform: e.platform, reason: "token_expiring", expiresOn: localDay(e.credential!.grantExpiresAt!, agency.timeZone) });
  for (const a of accounts) {
    if (archivedIds.has(a.id)) continue;
    if (a.status !== "active") attention.push({ handle: a.handle, platform: a.platform, reason: a.status });
    const days = daysOf.get(a.id) ?? 0;
    if (days < 7) attention.push({ handle: a.handle, platform: a.platform, reason: "gap", daysMissing: 7 - days });
  }

  return {
    agency,
    week,
    channels,
    trend: { weeks: growth.buckets, series: growth.accounts.map((s) => ({ label: s.label, values: s.absolute })) },
    topPosts,
    replies: { total: weekReplies.channels.reduce((s, c) => s + (c.total ?? 0), 0) },
    attention,
    campaigns,
  };
}
