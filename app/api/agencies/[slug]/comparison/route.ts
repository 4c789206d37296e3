import { db } from "@/lib/db/client";
import { scopedRoute } from "@/lib/metrics/request";
import { comparisonOf, ComparisonExtra } from "@/lib/queries/getComparisonView";

export const dynamic = "force-dynamic";

/** `?<dashboard filters>&compare=previous|year[&by=agency&agency=…]`: the chosen period beside the compared one (null without `compare`). */
export const GET = scopedRoute(ComparisonExtra, async (req) => {
  const c = await comparisonOf(db(), req);
  return (
    c && {
      comparison: c.comparison,
      total: c.total,
      groups: c.groups.map((g) => ({ ...g, label: c.labels.get(g.key) ?? g.key })),
    }
  );
});
