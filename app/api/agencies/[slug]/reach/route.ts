import { z } from "zod";
import { db } from "@/lib/db/client";
import { agencyRoute } from "@/lib/api/agencyRoute";
import { getCampaignReach } from "@/lib/queries/getCampaignReach";
import { getReachSeries } from "@/lib/queries/getReachSeries";

export const dynamic = "force-dynamic";

export const GET = agencyRoute(z.object({}), async ({ agency, range, accountIds }) => {
  const params = { agencyId: agency.id, from: range.from, to: range.to, bucket: range.bucket, accountIds };
  const [series, campaigns] = await Promise.all([
    getReachSeries(db(), params),
    getCampaignReach(db(), { ...params, timeZone: agency.timeZone }),
  ]);
  return { ...series, campaigns };
});
