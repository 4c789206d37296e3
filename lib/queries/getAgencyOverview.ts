import { Prisma, type AccountStatus, type Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { addDays, dateToDay, weekStart, type Day } from "@/lib/time";
import { getAudienceSeries } from "./getAudienceSeries";

export type OverviewChannel = {
  accountId: string;
  platform: Platform;
  handle: string;
  displayName: string;
  status: AccountStatus;
  audience: number | null;
  audienceDay: Day | null;
  /** Change during this ISO week so far, and during all of last week; null when an end is unknown. */
  changeThisWeek: number | null;
  changeLastWeek: number | null;
  /** Audience at the end of each of the last 12 ISO weeks (null = gap). */
  sparkline: (number | null)[];
  reachThisWeek: number | null;
  repliesThisWeek: number | null;
  /** Days without any collected row in the last 14 days (today excluded). */
  missingDays: number;
};

export type AgencyOverview = {
  today: Day;
  thisWeek: Day;
  lastWeek: Day;
  sparklineWeeks: Day[];
  totalAudience: number | null;
  totalChangeThisWeek: number | null;
  totalChangeLastWeek: number | null;
  reachThisWeek: number | null;
  reachLastWeek: number | null;
  repliesThisWeek: number | null;
  repliesLastWeek: number | null;
  channels: OverviewChannel[];
  attention: { accountId: string; handle: string; platform: Platform; reason: "needs_reconnect" | "paused" | "collection_gap"; missingDays: number }[];
};

const GAP_WINDOW = 14;

function sumKnown(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

/**
 * The agency at a glance in ISO weeks of its own calendar: audience now and its change this week
 * versus last week, reach and replies this week, and channels needing attention.
 */
export async function getAgencyOverview(db: Db, params: { agencyId: string; today: Day }): Promise<AgencyOverview> {
  const thisWeek = weekStart(params.today);
  const lastWeek = addDays(thisWeek, -7);
  const gapFrom = addDays(params.today, -GAP_WINDOW);
  const sparkFrom = addDays(thisWeek, -7 * 11);
  // The sparkline and the per-channel figures are independent: ask for both at once.
  const [rows, spark] = await Promise.all([db.$queryRaw<{
    id: string; platform: Platform; handle: string; display_name: string; status: AccountStatus;
    now_day: Date | null; now_value: number | null; last_week_end: number | null; prev_week_end: number | null;
    reach_this: number | null; reach_last: number | null; replies_this: number | null; replies_last: number | null; collected_days: number;
  }[]>(Prisma.sql`
    SELECT a.id, a.platform, a.handle, a.display_name, a.status,
      n.day AS now_day, n.followers AS now_value, lw.followers AS last_week_end, pw.followers AS prev_week_end,
      f.reach_this, f.reach_last, f.replies_this, f.replies_last, f.collected_days
    FROM account a
    LEFT JOIN LATERAL (SELECT m.day, m.followers FROM account_daily_metric m
      WHERE m.agency_id = a.agency_id AND m.account_id = a.id AND m.followers IS NOT NULL AND m.day <= ${params.today}::date
      ORDER BY m.day DESC LIMIT 1) n ON true
    LEFT JOIN LATERAL (SELECT m.followers FROM account_daily_metric m
      WHERE m.agency_id = a.agency_id AND m.account_id = a.id AND m.followers IS NOT NULL AND m.day < ${thisWeek}::date
      ORDER BY m.day DESC LIMIT 1) lw ON true
    LEFT JOIN LATERAL (SELECT m.followers FROM account_daily_metric m
      WHERE m.agency_id = a.agency_id AND m.account_id = a.id AND m.followers IS NOT NULL AND m.day < ${lastWeek}::date
      ORDER BY m.day DESC LIMIT 1) pw ON true
    LEFT JOIN LATERAL (SELECT
        sum(COALESCE(m.reach, m.impressions)) FILTER (WHERE m.day >= ${thisWeek}::date)::float8 AS reach_this,
        sum(COALESCE(m.reach, m.impressions)) FILTER (WHERE m.day >= ${lastWeek}::date AND m.day < ${thisWeek}::date)::float8 AS reach_last,
        sum(m.replies_received) FILTER (WHERE m.day >= ${thisWeek}::date)::float8 AS replies_this,
        sum(m.replies_received) FILTER (WHERE m.day >= ${lastWeek}::date AND m.day < ${thisWeek}::date)::float8 AS replies_last,
        count(*) FILTER (WHERE m.day >= ${gapFrom}::date AND m.day < ${params.today}::date)::int AS collected_days
      FROM account_daily_metric m
      WHERE m.agency_id = a.agency_id AND m.account_id = a.id
        AND m.day >= LEAST(${lastWeek}::date, ${gapFrom}::date) AND m.day <= ${params.today}::date) f ON true
    WHERE a.agency_id = ${params.agencyId}::uuid
    ORDER BY a.platform, a.handle`),
    getAudienceSeries(db, { agencyId: params.agencyId, from: sparkFrom, to: params.today, bucket: "week" }),
  ]);
  const sparkByAccount = new Map(spark.series.map((s) => [s.accountId, s.values]));

  const channels: OverviewChannel[] = rows.map((r) => {
    const collected = r.collected_days;
    return {
      accountId: r.id, platform: r.platform, handle: r.handle, displayName: r.display_name, status: r.status,
      audience: r.now_value, audienceDay: r.now_day ? dateToDay(r.now_day) : null,
      // Nothing collected yet this week (e.g. early on a Monday) is unknown, not "no change".
      changeThisWeek: r.now_value !== null && r.last_week_end !== null && r.now_day && dateToDay(r.now_day) >= thisWeek ? r.now_value - r.last_week_end : null,
      changeLastWeek: r.last_week_end !== null && r.prev_week_end !== null ? r.last_week_end - r.prev_week_end : null,
      sparkline: sparkByAccount.get(r.id) ?? spark.buckets.map(() => null),
      reachThisWeek: r.reach_this, repliesThisWeek: r.replies_this,
      missingDays: GAP_WINDOW - collected,
    };
  });
  const attention: AgencyOverview["attention"] = [];
  for (const c of channels) {
    if (c.status === "needs_reconnect" || c.status === "paused") attention.push({ accountId: c.accountId, handle: c.handle, platform: c.platform, reason: c.status, missingDays: c.missingDays });
    else if (c.missingDays > 0) attention.push({ accountId: c.accountId, handle: c.handle, platform: c.platform, reason: "collection_gap", missingDays: c.missingDays });
  }
  const withBoth = channels.filter((c) => c.changeThisWeek !== null);
  return {
    today: params.today, thisWeek, lastWeek, sparklineWeeks: spark.buckets,
    totalAudience: sumKnown(channels.map((c) => c.audience)),
    totalChangeThisWeek: sumKnown(withBoth.map((c) => c.changeThisWeek)),
    totalChangeLastWeek: sumKnown(channels.map((c) => c.changeLastWeek)),
    reachThisWeek: sumKnown(channels.map((c) => c.reachThisWeek)),
    reachLastWeek: sumKnown(rows.map((r) => r.reach_last)),
    repliesThisWeek: sumKnown(channels.map((c) => c.repliesThisWeek)),
    repliesLastWeek: sumKnown(rows.map((r) => r.replies_last)),
    channels, attention,
  };
}
