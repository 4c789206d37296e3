import { z } from "zod";
import { db } from "@/lib/db/client";
import { agencyRoute } from "@/lib/api/agencyRoute";
import { comparableAgencies } from "@/lib/dashboard/hierarchy";
import { listVisibleAgencies } from "@/lib/permissions/access";
import { getAgencyComparison } from "@/lib/queries/getAgencyComparison";

export const dynamic = "force-dynamic";

const Extra = z.object({
  agency: z.union([z.string().min(1), z.array(z.string().min(1))]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
});

export const GET = agencyRoute(Extra, async ({ agency, range, extra }) => {
  const { chosen } = comparableAgencies(agency, await listVisibleAgencies(), extra.agency);
  return getAgencyComparison(db(), { agencyIds: chosen.map((a) => a.id), from: range.from, to: range.to });
});
