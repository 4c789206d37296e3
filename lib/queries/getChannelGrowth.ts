import { Prisma, type Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { dateToDay, type Day } from "@/lib/time";
import type { Bucket } from "./buckets";
import { getAudienceSeries } from "./getAudienceSeries";

export type GrowthSeries = {
  key: string;
  label: string;
  platform: Platform;
  /** Audience at the end of each bucket; null = nothing collected in that bucket (a gap). */
  absolute: (number | null)[];
  /** Change since the end of the previous bucket (or since the day before the range); null when either end is unknown. */
  net: (number | null)[];
};

export type ChannelGrowthSummary = {
  accountId: string;
  platform: Platform;
  handle: string;
  displayName: string;
  /** Last known audience on or before the day before the range (else the first inside it). */
  start: number | null;
  startDay: Day | null;
  end: number | null;
  endDay: Day | null;
  change: number | null;
  /** change / start, as a share (0.2 = 20 %); null when start is unknown or zero. */
  changeShare: number | null;
};

export type ChannelGrowth = {
  from: Day;
  to: Day;
  bucket: Bucket;
  buckets: Day[];
  accounts: GrowthSeries[];
  platforms: GrowthSeries[];
  /** Per channel over the whole range, fastest growing (by share) first. */
  summary: ChannelGrowthSummary[];
};

function netOf(absolute: (number | null)[], baseline: number | null): (number | null)[] {
  return absolute.map((v, i) => {
    const before = i === 0 ? baseline : absolute[i - 1]!;
    return v === null || before === null ? null : v - before;
  });
}

/** Followers/subscribers over time per account and per platform, absolute and net, with range totals. */
export async function getChannelGrowth(
  db: Db,
  params: { agencyId: string; from: Day; to: Day; bucket: Bucket; accountIds?: string[] },
): Promise<ChannelGrowth> {
  const onlyAccounts = params.accountIds ? Prisma.sql`AND a.id = ANY(${params.accountIds}::uuid[])` : Prisma.empty;
  const [audience, ends] = await Promise.all([getAudienceSeries(db, params), db.$queryRaw<{ account_id: string; start_day: Date | null; start_value: number | null; end_day: Date | null; end_value: number | null }[]>(Prisma.sql`
    SELECT a.id AS account_id, COALESCE(b.day, f.day) AS start_day, COALESCE(b.followers, f.followers) AS start_value,
           e.day AS end_day, e.followers AS end_value
    FROM account a
    LEFT JOIN LATERAL (
      SELECT m.day, m.followers FROM account_daily_metric m
      WHERE m.agency_id = a.agency_id AND m.account_id = a.id AND m.followers IS NOT NULL AND m.day < ${params.from}::date
      ORDER BY m.day DESC LIMIT 1) b ON true
    LEFT JOIN LATERAL (
      SELECT m.day, m.followers FROM account_daily_metric m
      WHERE m.agency_id = a.agency_id AND m.account_id = a.id AND m.followers IS NOT NULL
        AND m.day >= ${params.from}::date AND m.day <= ${params.to}::date
      ORDER BY m.day ASC LIMIT 1) f ON true
    LEFT JOIN LATERAL (
      SELECT m.day, m.followers FROM account_daily_metric m
      WHERE m.agency_id = a.agency_id AND m.account_id = a.id AND m.followers IS NOT NULL
        AND m.day <= ${params.to}::date AND m.day >= ${params.from}::date
      ORDER BY m.day DESC LIMIT 1) e ON true
    WHERE a.agency_id = ${params.agencyId}::uuid ${onlyAccounts}`)]);
  const endsByAccount = new Map(ends.map((r) => [r.account_id, r]));

  const accounts: GrowthSeries[] = audience.series.map((s) => {
    const baseline = endsByAccount.get(s.accountId);
    const before = baseline?.start_day && dateToDay(baseline.start_day) < params.from ? baseline.start_value : null;
    return { key: s.accountId, label: `${s.handle}`, platform: s.platform, absolute: s.values, net: netOf(s.values, before) };
  });

  const platformKeys = [...new Set(audience.series.map((s) => s.platform))];
  const platforms: GrowthSeries[] = platformKeys.map((platform) => {
    const members = accounts.filter((a) => a.platform === platform);
    const sum = (pick: (a: GrowthSeries) => (number | null)[]) =>
      audience.buckets.map((_, i) => {
        const known = members.map((m) => pick(m)[i]!).filter((v): v is number => v !== null);
        // A bucket where some channel was not collected would understate the total: leave it a gap.
        return known.length === members.length ? known.reduce((a, b) => a + b, 0) : null;
      });
    return { key: platform, label: platform, platform, absolute: sum((a) => a.absolute), net: sum((a) => a.net) };
  });

  const summary: ChannelGrowthSummary[] = audience.series.map((s) => {
    const e = endsByAccount.get(s.accountId);
    const start = e?.start_value ?? null;
    const end = e?.end_value ?? null;
    const change = start !== null && end !== null ? end - start : null;
    return {
      accountId: s.accountId, platform: s.platform, handle: s.handle, displayName: s.displayName,
      start, startDay: e?.start_day ? dateToDay(e.start_day) : null, end, endDay: e?.end_day ? dateToDay(e.end_day) : null,
      change, changeShare: change !== null && start ? change / start : null,
    };
  });
  summary.sort((a, b) => (b.changeShare ?? -Infinity) - (a.changeShare ?? -Infinity));

  return { from: params.from, to: params.to, bucket: params.bucket, buckets: audience.buckets, accounts, platforms, summary };
}
