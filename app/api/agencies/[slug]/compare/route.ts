import { db } from "@/lib/db/client";
import { CompareExtra, comparableAgencies } from "@/lib/dashboard/hierarchy";
import { scopedRoute, type ScopedRequest } from "@/lib/metrics/request";
import { comparisonView, getAgencyComparison } from "@/lib/queries/getAgencyComparison";

export const dynamic = "force-dynamic";

const chosenOf = ({ agency, visible, extra }: ScopedRequest<CompareExtra>) =>
  comparableAgencies(agency, visible, extra.agency).chosen;

export const GET = scopedRoute(
  CompareExtra,
  (req) =>
    getAgencyComparison(db(), {
      agencyIds: chosenOf(req).map((a) => a.id),
      from: req.scope.period.from,
      to: req.scope.period.to,
    }),
  { cache: (req) => comparisonView(chosenOf(req), req.scope.period, "json") },
);
