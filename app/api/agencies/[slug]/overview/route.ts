import { z } from "zod";
import { db } from "@/lib/db/client";
import { scopedRoute } from "@/lib/metrics/request";
import { getAgencyOverview } from "@/lib/queries/getAgencyOverview";

export const dynamic = "force-dynamic";

export const GET = scopedRoute(
  z.object({}),
  ({ scope }) => getAgencyOverview(db(), { agencyId: scope.agency.id, today: scope.today }),
  // The overview reads the agency's channels and daily figures and nothing else: reused per day and data version.
  { cache: ({ scope }) => ({ name: "overview", agencyIds: [scope.agency.id], args: scope.today }) },
);
