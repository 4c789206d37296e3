import { Prisma, type AccountStatus, type Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { poolOf } from "@/lib/db/pool";
import { addDays, dateToDay, daysBetween, type Day } from "@/lib/time";
import type { Bucket } from "@/lib/queries/buckets";
import {
  acrossChannels,
  audienceChange,
  audienceAtDay,
  BREAK_AFTER_DAYS,
  AUDIENCE_END,
  AUDIENCE_END_DAY,
  COLLECTED_DAYS,
  FLOW_NAMES,
  flowAcrossChannels,
  flowSum,
  knownUntil,
  LAST_COLLECTED_DAY,
  PARTIALS_OF_DAILY_ROW,
  PARTIALS_OF_ROLLUP,
  type Flow,
} from "./definitions";
import { bucketPeriods, periodPieces, previousPeriod, type Period, type Piece } from "./periods";

/**
 * The metric engine: the entry points aggregate, timeseries and breakdown (and audienceAt, the
 * index lookup behind "now") that turn the metric definitions into one SQL statement for any set of
 * periods. Every page, JSON route, CSV dataset
 * and the weekly e-mail reads its figures through here, so a figure means the same everywhere.
 */

export type Metric = "audience" | Flow;
export const METRICS: Metric[] = ["audience", ...FLOW_NAMES];

export type Channel = {
  accountId: string;
  agencyId: string;
  platform: Platform;
  handle: string;
  displayName: string;
  status: AccountStatus;
};

/** The figures of one channel (or a group of channels) over one period. */
export type Figures = {
  period: Period;
  audience: number | null;
  audienceDay: Day | null;
  /** Audience at the end of the period compared with (null when the period is not compared). */
  audienceBefore: number | null;
  audienceBeforeDay: Day | null;
  audienceChange: number | null;
} & Record<Flow, number | null> & {
    /** Days of the period without a collected row (collection gaps). */
    missingDays: number;
    /** Metrics the platform stopped reporting inside the period while collection went on (series breaks), with the last known day. */
    breaks: { metric: Metric; lastKnown: Day }[];
    /** Whether the channel reported each metric in this period or the one it is compared with: only those take part in totals. */
    reported: Record<Metric, boolean>;
  };

export type PeriodRequest = Period & { compare?: boolean; bucket?: Bucket };
export type Target = { agencyIds: string[]; accountIds?: string[] };
/**
 * `rollups: false` reads every period from the daily rows alone (the rollups' consistency tests).
 * `metrics` computes only those (the others come back null and unreported): a view that shows the
 * audience alone does not aggregate the flows.
 */
export type EngineOptions = { rollups?: boolean; metrics?: Metric[] };

/** One channel's figures over one window, as the statement returns them (last collected and known-until days as days since DAY_ZERO). */
type WindowRow = {
  audience: number | null;
  audience_day: Day | null;
  collected_days: number;
  last_collected: number | null;
} & Record<Flow, number | null> &
  Record<`known_${Metric}`, number | null>;

const DAY_ZERO: Day = "2000-01-01";
const KNOWN_KEYS = METRICS.map((k) => `known_${k}` as const);

const WINDOW_COLUMNS: (keyof WindowRow)[] = [
  "audience",
  "audience_day",
  "collected_days",
  "last_collected",
  ...FLOW_NAMES,
  ...METRICS.map((k) => `known_${k}` as const),
];

const EMPTY_WINDOW = Object.fromEntries(
  WINDOW_COLUMNS.map((c) => [c, c === "collected_days" ? 0 : null]),
) as unknown as WindowRow;

/** A statement of the engine through the process's one pool (lib/db/pool.ts), not Prisma: one JSON document per channel is parsed once by pg. */
async function read<R>(db: Db, sql: Prisma.Sql): Promise<R[]> {
  return (await poolOf(db).query(sql.text, sql.values)).rows as R[];
}

/** The target's channels, by platform and handle: one JSON document, so thousands of channels (a national compare) cost one parse. */
type ChannelCells = [string, string, Platform, string, string, AccountStatus];

/** The target's channels by platform and handle, as one JSON array (a scalar subquery). */
function channelsJson(t: Target): Prisma.Sql {
  const onlyAccounts = t.accountIds ? Prisma.sql`AND a.id = ANY(${t.accountIds}::uuid[])` : Prisma.empty;
  return Prisma.sql`(SELECT json_agg(json_build_array(a.id, a.agency_id, a.platform, a.handle, a.display_name, a.status) ORDER BY a.platform, a.handle)
    FROM account a WHERE a.agency_id = ANY(${t.agencyIds}::uuid[]) ${onlyAccounts})`;
}

function toChannels(cells: ChannelCells[] | null): Channel[] {
  return (cells ?? []).map(([accountId, agencyId, platform, handle, displayName, status]) => ({
    accountId,
    agencyId,
    platform,
    handle,
    displayName,
    status,
  }));
}

async function channelsOf(db: Db, t: Target): Promise<Channel[]> {
  const [row] = await read<{ channels: ChannelCells[] | null }>(db, Prisma.sql`SELECT ${channelsJson(t)} AS channels`);
  return toChannels(row!.channels);
}

/** The figures of every channel of the target over each requested period (and, when asked, the change against the period before it). */
export async function aggregate<K extends string>(
  db: Db,
  target: Target,
  periods: Record<K, PeriodRequest>,
  options: EngineOptions = {},
): Promise<(Channel & { figures: Record<K, Figures> })[]> {
  const keys = Object.keys(periods) as K[];
  // Windows: the requested periods, then each one's previous period (shared when equal).
  const windows: Period[] = [];
  const windowIndex = new Map<string, number>();
  const windowOf = (p: Period) => {
    const key = `${p.from}/${p.to}`;
    let i = windowIndex.get(key);
    if (i === undefined) {
      i = windows.push({ from: p.from, to: p.to }) - 1;
      windowIndex.set(key, i);
    }
    return i;
  };
  const pairs = keys.map((k) => ({ key: k, cur: windowOf(periods[k]), prev: periods[k].compare ? -1 : -2 }));
  for (const p of pairs) if (p.prev === -1) p.prev = windowOf(previousPeriod(periods[p.key], periods[p.key].bucket));
  if (target.agencyIds.length === 0) return [];
  const onlyAccounts = (alias: string) =>
    target.accountIds
      ? Prisma.sql`AND ${Prisma.raw(alias)}.account_id = ANY(${target.accountIds}::uuid[])`
      : Prisma.empty;
  const wantedMetric = (k: Metric) => !options.metrics || options.metrics.includes(k);
  // Only the wanted metrics' columns are built and sent (the others stay null and unreported).
  const flowNames = FLOW_NAMES.filter(wantedMetric);
  const knownMetrics = METRICS.filter(wantedMetric);
  const columns: (keyof WindowRow)[] = [
    "audience",
    "audience_day",
    "collected_days",
    "last_collected",
    ...flowNames,
    ...knownMetrics.map((k) => `known_${k}` as const),
  ];
  const figureSql = Prisma.join([
    AUDIENCE_END,
    AUDIENCE_END_DAY,
    COLLECTED_DAYS,
    Prisma.sql`${LAST_COLLECTED_DAY} - DATE '2000-01-01'`,
    ...flowNames.map(flowSum),
    ...knownMetrics.map((k) => Prisma.sql`${knownUntil(k)} - DATE '2000-01-01'`),
  ]);
  // :TRICKY: each window is sent as its pieces (lib/metrics/periods.ts periodPieces: whole months
  // and weeks from the rollups, the days at its ends from the daily rows), and pieces join windows
  // by equality (a hash join, one pass over the pieces of every window) instead of a range
  // condition checked per window. A 12-month window is ~20–30 pieces instead of 365 daily rows.
  // A piece is named by one number (its day since DAY_ZERO × 3 + its grain), not by (grain, day):
  // PostgreSQL cannot estimate a join on the pair over the union of daily rows and rollups and
  // expects a few dozen rows, so it sorts the tens of thousands of a national compare to group them;
  // on a single computed key it expects thousands and groups them by hashing (a third faster there).
  const pieceKey: number[] = [];
  const pieceIdx: number[] = [];
  const wanted: Record<Piece["grain"], Set<string>> = { 0: new Set(), 1: new Set(), 2: new Set() };
  windows.forEach((w, i) => {
    const cut: Piece[] =
      options.rollups === false
        ? Array.from({ length: daysBetween(w.from, w.to) + 1 }, (_, n) => ({ grain: 0, start: addDays(w.from, n) }))
        : periodPieces(w);
    for (const piece of cut) {
      pieceKey.push(daysBetween(DAY_ZERO, piece.start) * 3 + piece.grain);
      pieceIdx.push(i);
      wanted[piece.grain].add(piece.start);
    }
  });
  // Rollups are read by a range of their index (the join to `wp` keeps the wanted ones): a list of
  // 260 weeks checked against every row costs more than the few extra rows of a range.
  const first = (days: Set<string>) => [...days].reduce((a, b) => (b < a ? b : a));
  const last = (days: Set<string>) => [...days].reduce((a, b) => (b > a ? b : a));
  const rollup = (grain: 1 | 2) =>
    wanted[grain].size
      ? Prisma.sql`UNION ALL SELECT r.account_id, (r.start - DATE '2000-01-01') * 3 + r.grain AS piece, ${PARTIALS_OF_ROLLUP} FROM account_metric_rollup r
      WHERE r.agency_id = ANY(${target.agencyIds}::uuid[]) AND r.grain = ${grain} AND r.start BETWEEN ${first(wanted[grain])}::date AND ${last(wanted[grain])}::date ${onlyAccounts("r")}`
      : Prisma.empty;
  // The channels and their figures in one statement and one round trip, a row per channel with
  // one JSON document of its windows (an array per window it has rows in) rather than a row per
  // window: the driver hands JSON over in one parse instead of converting every column of
  // thousands of rows. Each window's previous window is paired here, not in SQL (no self-join).
  const onlyAccountsA = target.accountIds ? Prisma.sql`AND a.id = ANY(${target.accountIds}::uuid[])` : Prisma.empty;
  const rows = await read<{
    id: string;
    agency_id: string;
    platform: Platform;
    handle: string;
    display_name: string;
    status: AccountStatus;
    windows: unknown[][] | null;
  }>(
    db,
    Prisma.sql`
    WITH wp AS (SELECT * FROM unnest(${pieceKey}::int[], ${pieceIdx}::int[]) AS wp(piece, idx)),
    p AS (
      SELECT m.account_id, (m.day - DATE '2000-01-01') * 3 AS piece, ${PARTIALS_OF_DAILY_ROW} FROM account_daily_metric m
      WHERE m.agency_id = ANY(${target.agencyIds}::uuid[]) AND m.day = ANY(${[...wanted[0]]}::date[]) ${onlyAccounts("m")}
      ${rollup(1)} ${rollup(2)}),
    per AS (
      SELECT g.account_id, json_agg(g.figures) AS windows FROM (
        SELECT p.account_id, json_build_array(wp.idx, ${figureSql}) AS figures
        FROM p JOIN wp ON wp.piece = p.piece
        GROUP BY p.account_id, wp.idx) g
      GROUP BY g.account_id)
    SELECT a.id, a.agency_id, a.platform, a.handle, a.display_name, a.status, per.windows
    FROM account a LEFT JOIN per ON per.account_id = a.id
    WHERE a.agency_id = ANY(${target.agencyIds}::uuid[]) ${onlyAccountsA}
    ORDER BY a.platform, a.handle`,
  );
  const channels: Channel[] = rows.map((r) => ({
    accountId: r.id,
    agencyId: r.agency_id,
    platform: r.platform,
    handle: r.handle,
    displayName: r.display_name,
    status: r.status,
  }));
  const windowDays = windows.map((w) => daysBetween(w.from, w.to) + 1);
  return channels.map((c, n) => {
    // The channel's windows by index (those it has no rows in stay empty).
    const own: WindowRow[] = new Array<WindowRow>(windows.length).fill(EMPTY_WINDOW);
    for (const values of rows[n]!.windows ?? []) {
      const r = { ...EMPTY_WINDOW } as Record<string, unknown>;
      for (let i = 0; i < columns.length; i++) r[columns[i]!] = values[i + 1];
      own[values[0] as number] = r as WindowRow;
    }
    const figures = {} as Record<K, Figures>;
    for (const p of pairs)
      figures[p.key] = toFigures(own[p.cur]!, p.prev >= 0 ? own[p.prev]! : null, periods[p.key], windowDays[p.cur]!);
    return { ...c, figures };
  });
}

function toFigures(r: WindowRow, prev: WindowRow | null, period: Period, days: number): Figures {
  const lastCollected = r.last_collected;
  const breaks: Figures["breaks"] = [];
  const reported = {} as Record<Metric, boolean>;
  for (let i = 0; i < METRICS.length; i++) {
    const key = KNOWN_KEYS[i]!;
    // Known last inside the period, or (when the whole period lacks it) in the period compared with.
    const until = r[key] ?? prev?.[key] ?? null;
    reported[METRICS[i]!] = until !== null;
    if (until !== null && lastCollected !== null && lastCollected - until >= BREAK_AFTER_DAYS)
      breaks.push({ metric: METRICS[i]!, lastKnown: addDays(DAY_ZERO, until) });
  }
  const figures = {
    period,
    audience: r.audience,
    audienceDay: r.audience_day,
    audienceBefore: prev ? prev.audience : null,
    audienceBeforeDay: prev ? prev.audience_day : null,
    audienceChange: prev ? audienceChange(r.audience, prev.audience) : null,
  } as Figures;
  for (const f of FLOW_NAMES) figures[f] = r[f];
  figures.missingDays = days - r.collected_days;
  figures.breaks = breaks;
  figures.reported = reported;
  return figures;
}

/** Audience at a day per channel (the latest value on or before it, with its day), and the channels' total by the rules of `combine`. */
export async function audienceAt(
  db: Db,
  target: Target,
  day: Day,
): Promise<{
  channels: (Channel & { audience: number | null; audienceDay: Day | null })[];
  total: number | null;
  channelsCounted: number;
}> {
  if (target.agencyIds.length === 0) return { channels: [], total: null, channelsCounted: 0 };
  const onlyAccounts = target.accountIds ? Prisma.sql`AND a.id = ANY(${target.accountIds}::uuid[])` : Prisma.empty;
  const [channels, rows] = await Promise.all([
    channelsOf(db, target),
    db.$queryRaw<{ id: string; audience: number | null; audience_day: Date | null }[]>(Prisma.sql`
    SELECT a.id, at.audience, at.audience_day FROM account a LEFT JOIN LATERAL ${audienceAtDay(day)} at ON true
    WHERE a.agency_id = ANY(${target.agencyIds}::uuid[]) ${onlyAccounts}`),
  ]);
  if (channels.length === 0) return { channels: [], total: null, channelsCounted: 0 };
  const byId = new Map(rows.map((r) => [r.id, r]));
  const withValues = channels.map((c) => ({
    ...c,
    audience: byId.get(c.accountId)?.audience ?? null,
    audienceDay: byId.get(c.accountId)?.audience_day ? dateToDay(byId.get(c.accountId)!.audience_day!) : null,
  }));
  const counted = withValues.filter((c) => c.audience !== null);
  return {
    channels: withValues,
    total: acrossChannels(counted.map((c) => c.audience)),
    channelsCounted: counted.length,
  };
}

/** Channels added together by the rules of lib/metrics/definitions.ts (only channels that reported a metric take part in its total). */
export function combine(members: Figures[], period: Period): Figures {
  // One pass over the members gathers each metric's takers (a five-year weekly series combines thousands of buckets).
  let audienceTakers = 0;
  const taking = {} as Record<Flow, (number | null)[]>;
  for (const f of FLOW_NAMES) taking[f] = [];
  const values: Record<"audience" | "audienceBefore" | "audienceChange", (number | null)[]> = {
    audience: [],
    audienceBefore: [],
    audienceChange: [],
  };
  let audienceDay: Day | null = null;
  let audienceBeforeDay: Day | null = null;
  let missingDays = 0;
  const breaks: Figures["breaks"] = [];
  for (const m of members) {
    if (m.missingDays > missingDays) missingDays = m.missingDays;
    for (const b of m.breaks) breaks.push(b);
    for (const f of FLOW_NAMES) if (m.reported[f]) taking[f].push(m[f]);
    if (!m.reported.audience) continue;
    audienceTakers++;
    values.audience.push(m.audience);
    values.audienceBefore.push(m.audienceBefore);
    values.audienceChange.push(m.audienceChange);
    // The earliest known day (ISO days sort as text).
    if (m.audienceDay !== null && (audienceDay === null || m.audienceDay < audienceDay)) audienceDay = m.audienceDay;
    if (m.audienceBeforeDay !== null && (audienceBeforeDay === null || m.audienceBeforeDay < audienceBeforeDay))
      audienceBeforeDay = m.audienceBeforeDay;
  }
  const flows = {} as Record<Flow, number | null>;
  for (const f of FLOW_NAMES) flows[f] = flowAcrossChannels(f, taking[f]);
  const reported = { audience: audienceTakers > 0 } as Record<Metric, boolean>;
  for (const f of FLOW_NAMES) reported[f] = taking[f].length > 0;
  return {
    period,
    audience: acrossChannels(values.audience),
    audienceDay,
    audienceBefore: acrossChannels(values.audienceBefore),
    audienceBeforeDay,
    audienceChange: acrossChannels(values.audienceChange),
    ...flows,
    missingDays,
    breaks,
    reported,
  };
}

export type SeriesChannel = Channel & { values: Figures[]; total: Figures };
export type Series = { buckets: Day[]; channels: SeriesChannel[] };

/**
 * Figures per bucket (day, ISO week, month of the agency's calendar; the first and last bucket
 * clipped to the range), each bucket's change measured against the bucket before it, and the
 * figures of the whole range (its change measured against the equally long stretch before it).
 */
export async function timeseries(
  db: Db,
  target: Target,
  range: Period,
  bucket: Bucket,
  options: EngineOptions = {},
): Promise<Series> {
  const buckets = bucketPeriods(range, bucket);
  const periods: Record<string, PeriodRequest> = { total: { from: range.from, to: range.to, compare: true } };
  buckets.forEach((b, i) => (periods[String(i)] = { from: b.from, to: b.to, compare: true, bucket }));
  const rows = await aggregate(db, target, periods, options);
  return {
    buckets: buckets.map((b) => b.start),
    channels: rows.map(({ figures, ...channel }) => {
      const values = buckets.map((_, i) => figures[String(i)]!);
      // Over a series a channel takes part in a metric's totals in every bucket once it reported it anywhere in the range.
      const reported = Object.fromEntries(METRICS.map((k) => [k, values.some((v) => v.reported[k])])) as Record<
        Metric,
        boolean
      >;
      // The figures are this channel's own (made above for it alone), so they take the range's `reported` in place.
      for (const v of values) v.reported = reported;
      return { ...channel, values, total: figures.total! };
    }),
  };
}

/** Channels grouped (by platform, by agency) and added together per period or bucket by the same rules. */
export function breakdown<G extends string>(
  channels: SeriesChannel[],
  groupOf: (c: Channel) => G,
): { group: G; members: Channel[]; values: Figures[]; total: Figures }[] {
  const groups = [...new Set(channels.map(groupOf))];
  return groups.map((group) => {
    const members = channels.filter((c) => groupOf(c) === group);
    const first = members[0]!;
    return {
      group,
      members,
      values: first.values.map((v, i) =>
        combine(
          members.map((m) => m.values[i]!),
          v.period,
        ),
      ),
      total: combine(
        members.map((m) => m.total),
        first.total.period,
      ),
    };
  });
}
