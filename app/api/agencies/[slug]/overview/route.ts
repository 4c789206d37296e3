import { z } from "zod";
import { db } from "@/lib/db/client";
import { agencyRoute } from "@/lib/api/agencyRoute";
import { getAgencyOverview } from "@/lib/queries/getAgencyOverview";

export const dynamic = "force-dynamic";

export const GET = agencyRoute(z.object({}), ({ agency, today }) => getAgencyOverview(db(), { agencyId: agency.id, today }));
