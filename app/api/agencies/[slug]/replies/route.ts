import { z } from "zod";
import { db } from "@/lib/db/client";
import { agencyRoute } from "@/lib/api/agencyRoute";
import { getReplySeries } from "@/lib/queries/getReplySeries";

export const dynamic = "force-dynamic";

export const GET = agencyRoute(z.object({}), ({ agency, range, accountIds }) =>
  getReplySeries(db(), { agencyId: agency.id, from: range.from, to: range.to, bucket: range.bucket, accountIds }));
