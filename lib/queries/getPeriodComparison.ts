import type { Db } from "@/lib/db/client";
import { aggregate, combine, type Figures, type Target } from "@/lib/metrics/engine";
import type { Comparison } from "@/lib/metrics/periods";

export const COMPARED_METRICS = [
  "audience",
  "audienceChange",
  "impressions",
  "reach",
  "engagements",
  "replies",
  "posts",
] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number];

export type ComparedValue = {
  current: number | null;
  other: number | null;
  change: number | null;
  changeShare: number | null;
};
export type ComparedRow = { key: string; values: Record<ComparedMetric, ComparedValue> };
export type PeriodComparison = { comparison: Comparison; total: ComparedRow; groups: ComparedRow[] };
/** E-mail and push campaigns sent in each period: reached and target population added up, coverage = reached / target of the campaigns that know both. */
export type CampaignComparison = Record<"sent" | "reached" | "coverage", ComparedValue>;

export function compared(current: number | null, other: number | null): ComparedValue {
  const change = current !== null && other !== null ? current - other : null;
  return { current, other, change, changeShare: change !== null && other ? change / Math.abs(other) : null };
}

function row(key: string, cur: Figures, other: Figures): ComparedRow {
  const pick = (f: Figures, k: ComparedMetric) =>
    k === "audience" ? f.audience : k === "audienceChange" ? f.audienceChange : f[k];
  return {
    key,
    values: Object.fromEntries(COMPARED_METRICS.map((k) => [k, compared(pick(cur, k), pick(other, k))])) as Record<
      ComparedMetric,
      ComparedValue
    >,
  };
}

/**
 * The chosen period beside the period it is compared with (lib/metrics/periods.ts comparisonPeriod),
 * both read in one engine call with the same definitions: per channel or per agency, and in total
 * (channels added by the engine's rules, so reach has no total). Change is current minus other;
 * the share is against the other period's figure.
 */
export async function getPeriodComparison(
  db: Db,
  target: Target,
  comparison: Comparison,
  groupBy: "channel" | "agency" = "channel",
): Promise<PeriodComparison> {
  const rows = await aggregate(db, target, {
    current: { ...comparison.current, compare: true },
    other: { ...comparison.other, compare: true },
  });
  const keyOf = (r: (typeof rows)[number]) => (groupBy === "agency" ? r.agencyId : r.accountId);
  const keys = [...new Set(rows.map(keyOf))];
  const groups = keys.map((key) => {
    const members = rows.filter((r) => keyOf(r) === key);
    // One channel is its own figures (combining would drop its reach, which is never added across channels).
    if (members.length === 1) return row(key, members[0]!.figures.current, members[0]!.figures.other);
    return row(
      key,
      combine(
        members.map((m) => m.figures.current),
        comparison.current,
      ),
      combine(
        members.map((m) => m.figures.other),
        comparison.other,
      ),
    );
  });
  const total = row(
    "total",
    combine(
      rows.map((r) => r.figures.current),
      comparison.current,
    ),
    combine(
      rows.map((r) => r.figures.other),
      comparison.other,
    ),
  );
  return { comparison, total, groups };
}
