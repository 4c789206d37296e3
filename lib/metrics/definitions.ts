import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Every metric the product shows, defined once. Each is one SQL fragment with its rule for missing
 * data and for adding channels together written beside it, over the pieces of one channel's period
 * (`p`, see PARTIALS: the period's days, whole ISO weeks and whole calendar months), the daily rows
 * (`m` = account_daily_metric) or the campaign table (`c`). The engine (lib/metrics/engine.ts) is
 * the only reader of these fragments; views never write their own.
 */

/**
 * Partial aggregates. Every figure of a period below is a sum or a maximum over its days, so it is
 * computed over pieces of the period — single days (the daily rows) and whole weeks and months (the
 * rollups in account_metric_rollup, rebuilt from the daily rows by triggers whenever daily rows are
 * written or deleted; migration 20261211000000_metric_rollups) — and the pieces added together with
 * the same sum or max. `row` is one daily row's contribution, `combine` how pieces add up. The
 * migration's rollup columns are exactly these over a week's or month's rows; the engine reads a
 * long period from them and the days at its ends from the daily rows
 * (tests/integration/metric-rollups.test.ts holds the two to the daily rows alone).
 */
export const PARTIALS = [
  { name: "collected_days", row: "1", combine: "sum" },
  { name: "last_collected", row: "m.day", combine: "max" },
  // :TRICKY: the latest day's audience as one max over a bigint (day number in the high 32 bits,
  // the value offset into 0..2^32 in the low ones): PostgreSQL then aggregates by hashing, with no
  // sort of the rows and no array per row, and a week's or month's maximum adds up like any other.
  {
    name: "audience_packed",
    row: "CASE WHEN m.followers IS NOT NULL THEN ((m.day - DATE '2000-01-01')::bigint << 32) + (m.followers::bigint + 2147483648) END",
    combine: "max",
  },
  { name: "impressions", row: "m.impressions", combine: "sum" },
  { name: "reach", row: "m.reach", combine: "sum" },
  { name: "engagements", row: "m.engagements", combine: "sum" },
  { name: "replies", row: "m.replies_received", combine: "sum" },
  { name: "posts", row: "m.posts_published", combine: "sum" },
  { name: "known_audience", row: "CASE WHEN m.followers IS NOT NULL THEN m.day END", combine: "max" },
  { name: "known_impressions", row: "CASE WHEN m.impressions IS NOT NULL THEN m.day END", combine: "max" },
  { name: "known_reach", row: "CASE WHEN m.reach IS NOT NULL THEN m.day END", combine: "max" },
  { name: "known_engagements", row: "CASE WHEN m.engagements IS NOT NULL THEN m.day END", combine: "max" },
  { name: "known_replies", row: "CASE WHEN m.replies_received IS NOT NULL THEN m.day END", combine: "max" },
  { name: "known_posts", row: "CASE WHEN m.posts_published IS NOT NULL THEN m.day END", combine: "max" },
] as const;

/** A piece's partials: a daily row's contributions (`m`), or the stored rollup's columns (`r`). */
export const PARTIALS_OF_DAILY_ROW = Prisma.raw(PARTIALS.map((x) => `${x.row} AS ${x.name}`).join(", "));
export const PARTIALS_OF_ROLLUP = Prisma.raw(PARTIALS.map((x) => `r.${x.name}`).join(", "));
const combined = (name: (typeof PARTIALS)[number]["name"]) => {
  const x = PARTIALS.find((y) => y.name === name)!;
  return `${x.combine}(p.${x.name})`;
};

/**
 * Audience at the end of a period (followers, subscribers, fans, list size): the last value
 * collected *inside* the period, with its day. Null when nothing was collected in the period: a
 * gap is a gap and is never bridged by a value from an earlier period.
 */
export const AUDIENCE_END = Prisma.raw(`(((${combined("audience_packed")}) & 4294967295) - 2147483648)::float8`);
export const AUDIENCE_END_DAY = Prisma.raw(combined("known_audience"));

/**
 * Audience at a day (the figure "now" on the home page and the overview): the latest value collected
 * on or before the day, shown with the day it was collected, so an old figure is visible as old.
 * A lateral lookup for channel `a` (one index step per channel).
 */
export function audienceAtDay(day: string): Prisma.Sql {
  return Prisma.sql`(SELECT m.followers::float8 AS audience, m.day AS audience_day FROM account_daily_metric m
    WHERE m.agency_id = a.agency_id AND m.account_id = a.id AND m.followers IS NOT NULL AND m.day <= ${day}::date
    ORDER BY m.day DESC LIMIT 1)`;
}

/**
 * Change of audience over a period: audience at the end of the period minus audience at the end of
 * the period of the same length just before it (a bucket's previous bucket, a range's preceding
 * stretch of equally many days). Null when either end is unknown.
 */
export function audienceChange(end: number | null, before: number | null): number | null {
  return end !== null && before !== null ? end - before : null;
}

/**
 * Flows: counted per day by the platform, summed over the collected days of a period. Null when no
 * collected day of the period knew the metric (never zero for a gap). `acrossChannels`:
 * impressions, engagements, replies and posts add up across channels; reach counts unique people
 * per channel and day, so it is never added across channels (two channels reach overlapping
 * people) and reach and impressions are never substituted for one another.
 */
export const FLOWS = {
  impressions: { column: "impressions", acrossChannels: true },
  reach: { column: "reach", acrossChannels: false },
  engagements: { column: "engagements", acrossChannels: true },
  replies: { column: "replies_received", acrossChannels: true },
  posts: { column: "posts_published", acrossChannels: true },
} as const;
export type Flow = keyof typeof FLOWS;
export const FLOW_NAMES = Object.keys(FLOWS) as Flow[];

export function flowSum(flow: Flow): Prisma.Sql {
  return Prisma.raw(`${combined(flow)}::float8`);
}

/**
 * Collection gaps: a day of the period without a collected row for the channel. The period's days
 * minus the collected ones; one code everywhere ("collection_gap").
 */
export const COLLECTED_DAYS = Prisma.raw(`${combined("collected_days")}::int`);

/**
 * Series breaks: a metric the platform stopped reporting (Meta retired several in 2025–2026). The
 * last day the metric was known; when the channel was still collected at least BREAK_AFTER_DAYS
 * later inside the period, the series broke there and is shown as a break, never as zeros (a day
 * or two without it is a late figure, not a break).
 */
export const BREAK_AFTER_DAYS = 3;
export function knownUntil(flow: Flow | "audience"): Prisma.Sql {
  return Prisma.raw(combined(`known_${flow}`));
}
/** The same over the daily rows `m` (the series' events look before a range there). */
export function knownUntilDaily(flow: Flow | "audience"): Prisma.Sql {
  const column = flow === "audience" ? "followers" : FLOWS[flow].column;
  return Prisma.sql`max(m.day) FILTER (WHERE m.${Prisma.raw(column)} IS NOT NULL)`;
}
export const LAST_COLLECTED_DAY = Prisma.raw(combined("last_collected"));

/** Coverage of a campaign: reached / target population (10 000 of 50 000 = 0.2); null when either is unknown or the target is 0. */
export const COVERAGE = Prisma.sql`c.reached::float8 / NULLIF(c.target_population, 0)`;

/** Derived from two flows of the same channel and period: engagements per impression; null when either is unknown or impressions are 0. */
export function engagementRate(engagements: number | null, impressions: number | null): number | null {
  return engagements !== null && impressions ? engagements / impressions : null;
}

/** Derived: a flow per post published in the same period. */
export function perPost(value: number | null, posts: number | null): number | null {
  return value !== null && posts ? value / posts : null;
}

/** Derived: growth as a share of the audience at the start (0.02 = 2 %). */
export function growthShare(change: number | null, start: number | null): number | null {
  return change !== null && start ? change / start : null;
}

/**
 * Adding channels together (an agency's total, a platform's line). Only channels that take part
 * are passed (those with a value in the period or in the period it is compared with). The total is
 * known only when every one of them is known: a channel that was not collected would understate
 * it, so the total becomes a gap rather than a smaller number. Audience totals are followers
 * across channels, not people (one person can follow several channels).
 */
export function acrossChannels(values: (number | null)[]): number | null {
  if (values.length === 0 || values.some((v) => v === null)) return null;
  return (values as number[]).reduce((a, b) => a + b, 0);
}

/** A flow across channels: `acrossChannels`, and never for reach. */
export function flowAcrossChannels(flow: Flow, values: (number | null)[]): number | null {
  return FLOWS[flow].acrossChannels ? acrossChannels(values) : null;
}
