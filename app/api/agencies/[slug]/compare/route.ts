import { db } from "@/lib/db/client";
import { CompareExtra, comparableAgencies } from "@/lib/dashboard/hierarchy";
import { scopedRoute, type ScopedRequest } from "@/lib/metrics/request";
import { getAgencyComparison } from "@/lib/queries/getAgencyComparison";

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
  {
    // The figures come from the chosen agencies' channels and daily figures (the rollups are kept from
    // those rows), so they are reused per data version. Names, slugs and parents come from the agency
    // table, which the data version does not follow: they are in the key as this request's access check
    // read them (a change to any agency renews that), so a renamed agency is computed anew.
    cache: (req) => {
      const chosen = chosenOf(req);
      return {
        name: "compare",
        agencyIds: chosen.map((a) => a.id),
        args: `${req.scope.period.from}/${req.scope.period.to}/${JSON.stringify(chosen.map((a) => [a.slug, a.name, a.parentId]))}`,
      };
    },
  },
);
