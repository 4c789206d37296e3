import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { CompareExtra, comparableAgencies } from "@/lib/dashboard/hierarchy";
import { getCampaignReach, type CampaignReach } from "./getCampaignReach";
import { PLATFORM_LABEL } from "@/lib/i18n";
import type { Scope } from "@/lib/metrics/scope";
import { listVisibleAgencies, type VisibleAgency } from "@/lib/permissions/access";
import { aggregate, combine, type Figures, type Target } from "@/lib/metrics/engine";
import type { Comparison } from "@/lib/metrics/periods";

export const COMPARED_METRICS = ["audience", "audienceChange", "impressions", "reach", "engagements", "replies", "posts"] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number];

export type ComparedValue = { current: number | null; other: number | null; change: number | null; changeShare: number | null };
export type ComparedRow = { key: string; values: Record<ComparedMetric, ComparedValue> };
export type PeriodComparison = { comparison: Comparison; total: ComparedRow; groups: ComparedRow[] };
/** E-mail and push campaigns sent in each period: reached and target population added up, coverage = reached / target of the campaigns that know both. */
export type CampaignComparison = Record<"sent" | "reached" | "coverage", ComparedValue>;

function compared(current: number | null, other: number | null): ComparedValue {
  const change = current !== null && other !== null ? current - other : null;
  return { current, other, change, changeShare: change !== null && other ? change / Math.abs(other) : null };
}

function row(key: string, cur: Figures, other: Figures): ComparedRow {
  const pick = (f: Figures, k: ComparedMetric) => (k === "audience" ? f.audience : k === "audienceChange" ? f.audienceChange : f[k]);
  return { key, values: Object.fromEntries(COMPARED_METRICS.map((k) => [k, compared(pick(cur, k), pick(other, k))])) as Record<ComparedMetric, ComparedValue> };
}

/**
 * The chosen period beside the period it is compared with (lib/metrics/periods.ts comparisonPeriod),
 * both read in one engine call with the same definitions: per channel or per agency, and in total
 * (channels added by the engine's rules, so reach has no total). Change is current minus other;
 * the share is against the other period's figure.
 */
export async function getPeriodComparison(db: Db, target: Target, comparison: Comparison, groupBy: "channel" | "agency" = "channel"): Promise<PeriodComparison> {
  const rows = await aggregate(db, target, { current: { ...comparison.current, compare: true }, other: { ...comparison.other, compare: true } });
  const keyOf = (r: (typeof rows)[number]) => (groupBy === "agency" ? r.agencyId : r.accountId);
  const keys = [...new Set(rows.map(keyOf))];
  const groups = keys.map((key) => {
    const members = rows.filter((r) => keyOf(r) === key);
    // One channel is its own figures (combining would drop its reach, which is never added across channels).
    if (members.length === 1) return row(key, members[0]!.figures.current, members[0]!.figures.other);
    return row(key, combine(members.map((m) => m.figures.current), comparison.current), combine(members.map((m) => m.figures.other), comparison.other));
  });
  const total = row("total", combine(rows.map((r) => r.figures.current), comparison.current), combine(rows.map((r) => r.figures.other), comparison.other));
  return { comparison, total, groups };
}

/** The comparison parameters of a page or export: `by=channel|agency` and, by agency, the compare view's `agency` slugs. */
export const ComparisonExtra = CompareExtra.extend({ by: z.enum(["channel", "agency"]).default("channel") });

/**
 * The comparison a request asks for, with a label per group: the agency's (chosen) channels, or the
 * agencies of the compare view (only those the request may see, lib/dashboard/hierarchy.ts).
 */
export async function comparisonOf(db: Db, req: { agency: VisibleAgency; scope: Scope; extra: z.infer<typeof ComparisonExtra> }): Promise<(PeriodComparison & { labels: Map<string, string>; campaigns?: CampaignComparison }) | null> {
  const { scope } = req;
  if (!scope.comparison) return null;
  if (req.extra.by === "channel") {
    const [result, campaigns] = await Promise.all([channelComparison(db, scope, scope.comparison), campaignComparison(db, scope, scope.comparison)]);
    return { ...result, campaigns };
  }
  if (req.extra.by === "agency") {
    const { chosen } = comparableAgencies(req.agency, await listVisibleAgencies(), req.extra.agency);
    const c = await getPeriodComparison(db, { agencyIds: chosen.map((a) => a.id) }, scope.comparison, "agency");
    return { ...c, labels: new Map(chosen.map((a) => [a.id, a.name])) };
  }
  return channelComparison(db, scope, scope.comparison);
}

async function channelComparison(db: Db, scope: Scope, comparison: Comparison) {
  const c = await getPeriodComparison(db, { agencyIds: [scope.agency.id], accountIds: scope.channels }, comparison, "channel");
  const accounts = await db.account.findMany({ where: { agencyId: scope.agency.id }, select: { id: true, platform: true, handle: true } });
  return { ...c, labels: new Map(accounts.map((a) => [a.id, `${PLATFORM_LABEL[a.platform]} · ${a.handle}`])) };
}

async function campaignComparison(db: Db, scope: Scope, comparison: Comparison): Promise<CampaignComparison> {
  const read = (p: { from: string; to: string }) => getCampaignReach(db, { agencyId: scope.agency.id, timeZone: scope.timeZone, ...p, accountIds: scope.channels });
  const [now, then] = await Promise.all([read(comparison.current), read(comparison.other)]);
  const sum = (rows: CampaignReach[], key: "reached") => (rows.some((r) => r[key] !== null) ? rows.reduce((a, r) => a + (r[key] ?? 0), 0) : null);
  const coverage = (rows: CampaignReach[]) => {
    const known = rows.filter((r) => r.reached !== null && r.targetPopulation);
    return known.length ? known.reduce((a, r) => a + r.reached!, 0) / known.reduce((a, r) => a + r.targetPopulation!, 0) : null;
  };
  return { sent: compared(now.length, then.length), reached: compared(sum(now, "reached"), sum(then, "reached")), coverage: compared(coverage(now), coverage(then)) };
}
