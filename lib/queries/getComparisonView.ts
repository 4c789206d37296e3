import { platformLabel } from "@/lib/intl/labels";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { CompareExtra, comparableAgencies } from "@/lib/dashboard/hierarchy";
import type { Comparison } from "@/lib/metrics/periods";
import type { Scope } from "@/lib/metrics/scope";
// :TRICKY: this request-side view reads the session (next/headers); the weekly report's
// getPeriodComparison must not, since jobs load it outside Next.js.
import { listVisibleAgencies, type VisibleAgency } from "@/lib/permissions/access";
import { getCampaignReach, type CampaignReach } from "./getCampaignReach";
import { compared, getPeriodComparison, type CampaignComparison, type PeriodComparison } from "./getPeriodComparison";

/** The comparison parameters of a page or export: `by=channel|agency` and, by agency, the compare view's `agency` slugs. */
export const ComparisonExtra = CompareExtra.extend({ by: z.enum(["channel", "agency"]).default("channel") });

/**
 * The comparison a request asks for, with a label per group: the agency's (chosen) channels, or the
 * agencies of the compare view (only those the request may see, lib/dashboard/hierarchy.ts).
 */
export async function comparisonOf(
  db: Db,
  req: { agency: VisibleAgency; scope: Scope; extra: z.infer<typeof ComparisonExtra> },
): Promise<(PeriodComparison & { labels: Map<string, string>; campaigns?: CampaignComparison }) | null> {
  const { scope } = req;
  if (!scope.comparison) return null;
  if (req.extra.by === "channel") {
    const [result, campaigns] = await Promise.all([
      channelComparison(db, scope, scope.comparison),
      campaignComparison(db, scope, scope.comparison),
    ]);
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
  const c = await getPeriodComparison(
    db,
    { agencyIds: [scope.agency.id], accountIds: scope.channels },
    comparison,
    "channel",
  );
  const accounts = await db.account.findMany({
    where: { agencyId: scope.agency.id },
    select: { id: true, platform: true, handle: true },
  });
  return {
    ...c,
    labels: new Map(accounts.map((a) => [a.id, `${platformLabel(a.platform, scope.lang)} · ${a.handle}`])),
  };
}

async function campaignComparison(db: Db, scope: Scope, comparison: Comparison): Promise<CampaignComparison> {
  const read = (p: { from: string; to: string }) =>
    getCampaignReach(db, { agencyId: scope.agency.id, timeZone: scope.timeZone, ...p, accountIds: scope.channels });
  const [now, then] = await Promise.all([read(comparison.current), read(comparison.other)]);
  const sum = (rows: CampaignReach[], key: "reached") =>
    rows.some((r) => r[key] !== null) ? rows.reduce((a, r) => a + (r[key] ?? 0), 0) : null;
  const coverage = (rows: CampaignReach[]) => {
    const known = rows.filter((r) => r.reached !== null && r.targetPopulation);
    return known.length
      ? known.reduce((a, r) => a + r.reached!, 0) / known.reduce((a, r) => a + r.targetPopulation!, 0)
      : null;
  };
  return {
    sent: compared(now.length, then.length),
    reached: compared(sum(now, "reached"), sum(then, "reached")),
    coverage: compared(coverage(now), coverage(then)),
  };
}
