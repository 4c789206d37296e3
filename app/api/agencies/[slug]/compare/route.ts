import { db } from "@/lib/db/client";
import { CompareExtra, comparableAgencies } from "@/lib/dashboard/hierarchy";
import { scopedRoute } from "@/lib/metrics/request";
import { listVisibleAgencies } from "@/lib/permissions/access";
import { getAgencyComparison } from "@/lib/queries/getAgencyComparison";

export const dynamic = "force-dynamic";

export const GET = scopedRoute(CompareExtra, async ({ agency, scope, extra }) => {
  const { chosen } = comparableAgencies(agency, await listVisibleAgencies(), extra.agency);
  return getAgencyComparison(db(), {
    agencyIds: chosen.map((a) => a.id),
    from: scope.period.from,
    to: scope.period.to,
  });
});
