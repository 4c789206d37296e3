/**
 * The decision rules of the alerts, as plain functions of counts (the SQL that gathers the counts is
 * in lib/alerts/detect.ts). Robust statistics: a median and the median absolute deviation are not
 * pulled up by the very spikes they are meant to find.
 */

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation, scaled (× 1.4826) to be comparable with a standard deviation. */
export function mad(values: number[]): number {
  const m = median(values);
  return 1.4826 * median(values.map((v) => Math.abs(v - m)));
}

export type SpikeDecision = {
  spike: boolean;
  expected: number;
  threshold: number;
  historyWeeks: number;
  reason?: "too_little_history" | "below_minimum" | "usual";
};

/**
 * A reply spike: the hour's count reaches `minReplies` and exceeds median + k × spread of the same
 * hour of the week in earlier weeks, where spread = max(MAD, √max(median, 1)). The square-root floor
 * is the Poisson spread of a count: without it a channel whose usual hour is always 0 (MAD 0) would
 * alert at its first reply. Weeks in which the channel was not collected are left out, and a channel
 * with fewer than `minHistoryWeeks` collected weeks never alerts.
 */
export function isReplySpike(
  count: number,
  baseline: number[],
  p: { minReplies: number; sensitivity: number; minHistoryWeeks: number },
): SpikeDecision {
  const historyWeeks = baseline.length;
  if (historyWeeks < p.minHistoryWeeks)
    return { spike: false, expected: NaN, threshold: NaN, historyWeeks, reason: "too_little_history" };
  const expected = median(baseline);
  const spread = Math.max(mad(baseline), Math.sqrt(Math.max(expected, 1)));
  const threshold = expected + p.sensitivity * spread;
  if (count < p.minReplies) return { spike: false, expected, threshold, historyWeeks, reason: "below_minimum" };
  return count > threshold
    ? { spike: true, expected, threshold, historyWeeks }
    : { spike: false, expected, threshold, historyWeeks, reason: "usual" };
}

export type DropDecision = { drop: boolean; change: number; expected: number };

/**
 * An unusual drop in followers from one day to the next. Both days must be known (a day that was not
 * collected is a gap, never a drop to zero). The loss must reach `minDrop` and `minPercent` % of the
 * day before, and the change must lie below median − k × max(MAD, 1) of the channel's known
 * day-over-day changes in the previous four weeks (at least 7 of them), so a channel that steadily
 * loses followers is not alerted every day.
 */
export function isFollowerDrop(
  before: number | null,
  after: number | null,
  recentChanges: number[],
  p: { minDrop: number; minPercent: number; sensitivity: number },
): DropDecision {
  if (before === null || after === null) return { drop: false, change: NaN, expected: NaN };
  const change = after - before;
  const loss = -change;
  if (recentChanges.length < 7) return { drop: false, change, expected: NaN };
  const expected = median(recentChanges);
  const bar = expected - p.sensitivity * Math.max(mad(recentChanges), 1);
  const big = loss >= p.minDrop && before > 0 && (loss / before) * 100 >= p.minPercent;
  return { drop: big && change < bar, change, expected };
}

export type RunLike = { outcome: "running" | "success" | "partial" | "failed" | "rate_limited"; startedAt: Date };

/**
 * Failed or partial runs in a row, newest first, up to the last success. A run still going or
 * waiting for a platform's quota neither counts nor breaks the streak.
 */
export function failureStreak(runsNewestFirst: RunLike[]): number {
  let n = 0;
  for (const run of runsNewestFirst) {
    if (run.outcome === "success") break;
    if (run.outcome === "failed" || run.outcome === "partial") n++;
  }
  return n;
}
