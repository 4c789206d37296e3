import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { SOCIAL_PLATFORMS } from "@/lib/platforms/types";
import { addDays, localDay, localTimeToInstant, type Day } from "@/lib/time";
import { failureStreak, isFollowerDrop, isReplySpike, type RunLike } from "./rules";
import type { AlertKind, AlertParams } from "./settings";

/** What a detector found: one alert-to-be, with its natural key (account, kind, periodStart). Counts only. */
export type AlertCandidate = {
  accountId: string;
  kind: AlertKind;
  periodStart: Date;
  periodEnd: Date;
  observed: number | null;
  expected: number | null;
  details: Record<string, number | string | null>;
};

export type AgencyScope = { id: string; timeZone: string };

/** Complete hours looked at on every check: replies of a real platform arrive hours late (collected every few hours). */
export const SPIKE_LOOKBACK_HOURS = 6;

/**
 * Replies per channel in each of the last SPIKE_LOOKBACK_HOURS complete hours (local time), and in
 * the same hour of the week in each of the previous `baselineWeeks` weeks — counted from the local
 * clock, so a week across a DST switch still compares 14:00 with 14:00. A baseline week counts only
 * if the channel was collected that day (it has a daily row); otherwise it is a gap, not a zero.
 */
export async function replySpikes(
  db: Db,
  agency: AgencyScope,
  p: AlertParams["reply_spike"],
  now: Date,
): Promise<AlertCandidate[]> {
  const rows = await db.$queryRaw<
    { account_id: string; i: number; w: number; t0: Date; t1: Date; replies: number; collected: boolean }[]
  >(Prisma.sql`
    WITH slot AS (
      SELECT i, date_trunc('hour', ${now}::timestamptz AT TIME ZONE ${agency.timeZone}) - make_interval(hours => i + 1) AS local_start
      FROM generate_series(0, ${SPIKE_LOOKBACK_HOURS - 1}::int) i
    ), wk AS (
      SELECT s.i, w, (s.local_start - make_interval(days => 7 * w)) AS l0
      FROM slot s CROSS JOIN generate_series(0, ${p.baselineWeeks}::int) w
    )
    SELECT a.id AS account_id, wk.i, wk.w,
      wk.l0 AT TIME ZONE ${agency.timeZone} AS t0, (wk.l0 + interval '1 hour') AT TIME ZONE ${agency.timeZone} AS t1,
      (SELECT count(*)::int FROM reply r WHERE r.agency_id = a.agency_id AND r.account_id = a.id
         AND r.published_at >= wk.l0 AT TIME ZONE ${agency.timeZone} AND r.published_at < (wk.l0 + interval '1 hour') AT TIME ZONE ${agency.timeZone}) AS replies,
      EXISTS (SELECT 1 FROM account_daily_metric m WHERE m.agency_id = a.agency_id AND m.account_id = a.id AND m.day = wk.l0::date) AS collected
    FROM account a CROSS JOIN wk
    WHERE a.agency_id = ${agency.id}::uuid AND a.platform::text = ANY(${SOCIAL_PLATFORMS}::text[])
    ORDER BY a.id, wk.i, wk.w`);
  const bySlot = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.account_id}/${r.i}`;
    bySlot.set(key, [...(bySlot.get(key) ?? []), r]);
  }
  const found: AlertCandidate[] = [];
  for (const slot of bySlot.values()) {
    const current = slot.find((r) => r.w === 0)!;
    const baseline = slot.filter((r) => r.w > 0 && r.collected).map((r) => r.replies);
    const d = isReplySpike(current.replies, baseline, p);
    if (!d.spike) continue;
    found.push({
      accountId: current.account_id,
      kind: "reply_spike",
      periodStart: current.t0,
      periodEnd: current.t1,
      observed: current.replies,
      expected: d.expected,
      details: { threshold: Math.round(d.threshold * 10) / 10, historyWeeks: d.historyWeeks },
    });
  }
  return found;
}

/** Days whose change is looked at: today so far and the two days before (a late collection still alerts). */
const DROP_DAYS = 3;
const TREND_DAYS = 28;

/**
 * Followers of each channel on each of the last DROP_DAYS local days against the day before, and
 * against the channel's day-over-day changes in the four weeks before. Days without a known follower
 * count are gaps: neither side of a comparison, never a zero.
 */
export async function followerDrops(
  db: Db,
  agency: AgencyScope,
  p: AlertParams["follower_drop"],
  now: Date,
): Promise<AlertCandidate[]> {
  const today = localDay(now, agency.timeZone);
  const first = addDays(today, -(DROP_DAYS + TREND_DAYS + 1));
  const rows = await db.$queryRaw<{ account_id: string; day: Date; followers: number }[]>(Prisma.sql`
    SELECT account_id, day, followers FROM account_daily_metric
    WHERE agency_id = ${agency.id}::uuid AND day BETWEEN ${first}::date AND ${today}::date AND followers IS NOT NULL`);
  const series = new Map<string, Map<Day, number>>();
  for (const r of rows) {
    const s = series.get(r.account_id) ?? new Map<Day, number>();
    s.set(r.day.toISOString().slice(0, 10), r.followers);
    series.set(r.account_id, s);
  }
  const found: AlertCandidate[] = [];
  for (const [accountId, s] of series) {
    const change = (day: Day) =>
      s.has(day) && s.has(addDays(day, -1)) ? s.get(day)! - s.get(addDays(day, -1))! : null;
    for (let k = 0; k < DROP_DAYS; k++) {
      const day = addDays(today, -k);
      const recent: number[] = [];
      for (let j = 1; j <= TREND_DAYS; j++) {
        const c = change(addDays(day, -j));
        if (c !== null) recent.push(c);
      }
      const d = isFollowerDrop(s.get(addDays(day, -1)) ?? null, s.get(day) ?? null, recent, p);
      if (!d.drop) continue;
      found.push({
        accountId,
        kind: "follower_drop",
        periodStart: localTimeToInstant(day, 0, 0, agency.timeZone),
        periodEnd: localTimeToInstant(addDays(day, 1), 0, 0, agency.timeZone),
        observed: d.change,
        expected: d.expected,
        details: { day, before: s.get(addDays(day, -1))!, after: s.get(day)! },
      });
    }
  }
  return found;
}

/**
 * Active channels whose collection keeps failing: `failedRuns` failed or partial runs in a row, or
 * the first of them more than `hoursWithoutSuccess` hours ago with no success since. The outage is
 * keyed by its first failed run, so one outage raises one alert however long it lasts.
 */
export async function failingCollections(
  db: Db,
  agency: AgencyScope,
  p: AlertParams["collection_failing"],
  now: Date,
): Promise<AlertCandidate[]> {
  const rows = await db.$queryRaw<
    { account_id: string; runs: { outcome: RunLike["outcome"]; startedAt: string }[] | null }[]
  >(Prisma.sql`
    SELECT a.id AS account_id,
      (SELECT json_agg(json_build_object('outcome', r.outcome, 'startedAt', r.started_at) ORDER BY r.started_at DESC)
         FROM (SELECT outcome, started_at FROM collection_run r
               WHERE r.agency_id = a.agency_id AND r.account_id = a.id AND r.started_at <= ${now}
               ORDER BY started_at DESC LIMIT 200) r) AS runs
    FROM account a
    WHERE a.agency_id = ${agency.id}::uuid AND a.status = 'active' AND a.platform::text = ANY(${SOCIAL_PLATFORMS}::text[])`);
  const found: AlertCandidate[] = [];
  for (const row of rows) {
    const runs = (row.runs ?? []).map((r) => ({ outcome: r.outcome, startedAt: new Date(r.startedAt) }));
    const streak = failureStreak(runs);
    if (streak === 0) continue;
    const lastSuccess = runs.findIndex((r) => r.outcome === "success");
    const outage = (lastSuccess < 0 ? runs : runs.slice(0, lastSuccess))
      .filter((r) => r.outcome === "failed" || r.outcome === "partial")
      .at(-1)!;
    const hours = (now.getTime() - outage.startedAt.getTime()) / 3_600_000;
    if (streak < p.failedRuns && hours < p.hoursWithoutSuccess) continue;
    found.push({
      accountId: row.account_id,
      kind: "collection_failing",
      periodStart: outage.startedAt,
      periodEnd: now,
      observed: streak,
      expected: null,
      details: { failedRuns: streak, hoursWithoutSuccess: Math.floor(hours) },
    });
  }
  return found;
}

/**
 * Channels whose access must be renewed: those already marked `needs_reconnect` (keyed by their last
 * success, so a reconnected channel that expires again alerts again), and tokens expiring within
 * `daysBeforeExpiry` days (keyed by the expiry).
 */
export async function expiringTokens(
  db: Db,
  agency: AgencyScope,
  p: AlertParams["token_expiring"],
  now: Date,
): Promise<AlertCandidate[]> {
  const broken = await db.account.findMany({
    where: { agencyId: agency.id, status: "needs_reconnect" },
    select: { id: true, lastSuccessAt: true, createdAt: true },
  });
  const found: AlertCandidate[] = broken.map((a) => ({
    accountId: a.id,
    kind: "token_expiring" as const,
    periodStart: a.lastSuccessAt ?? a.createdAt,
    periodEnd: now,
    observed: null,
    expected: null,
    details: { state: "needs_reconnect" },
  }));
  const horizon = now.getTime() + p.daysBeforeExpiry * 86_400_000;
  for (const t of await listTokenExpiries(db, agency)) {
    if (broken.some((b) => b.id === t.accountId)) continue;
    if (t.expiresAt.getTime() > horizon) continue;
    found.push({
      accountId: t.accountId,
      kind: "token_expiring",
      periodStart: t.expiresAt,
      periodEnd: t.expiresAt,
      observed: Math.max(0, Math.floor((t.expiresAt.getTime() - now.getTime()) / 86_400_000)),
      expected: null,
      details: { state: "expiring" },
    });
  }
  return found;
}

/**
 * When each active channel's grant ends (`credential.grant_expires_at`, e.g. Facebook's 90-day data
 * access), where the platform told us. Access tokens that merely need refreshing are not listed:
 * the refresh job renews them, and a refresh that fails shows up as `needs_reconnect` above.
 */
export async function listTokenExpiries(
  db: Db,
  agency: AgencyScope,
): Promise<{ accountId: string; expiresAt: Date }[]> {
  const rows = await db.account.findMany({
    where: { agencyId: agency.id, status: "active", archivedAt: null, credential: { grantExpiresAt: { not: null } } },
    select: { id: true, credential: { select: { grantExpiresAt: true } } },
  });
  return rows.map((r) => ({ accountId: r.id, expiresAt: r.credential!.grantExpiresAt! }));
}

export const DETECTORS: {
  [K in AlertKind]: (db: Db, agency: AgencyScope, p: AlertParams[K], now: Date) => Promise<AlertCandidate[]>;
} = {
  reply_spike: replySpikes,
  follower_drop: followerDrops,
  collection_failing: failingCollections,
  token_expiring: expiringTokens,
};
