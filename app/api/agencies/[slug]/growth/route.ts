import { z } from "zod";
import { db } from "@/lib/db/client";
import { agencyRoute } from "@/lib/api/agencyRoute";
import { getChannelGrowth } from "@/lib/queries/getChannelGrowth";

export const dynamic = "force-dynamic";

export const GET = agencyRoute(z.object({}), ({ agency, range, accountIds }) =>
  getChannelGrowth(db(), { agencyId: agency.id, from: range.from, to: range.to, bucket: range.bucket, accountIds }));
