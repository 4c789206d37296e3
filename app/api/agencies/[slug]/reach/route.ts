import { z } from "zod";
import { db } from "@/lib/db/client";
import { scopedRoute } from "@/lib/metrics/request";
import { getCampaignReach } from "@/lib/queries/getCampaignReach";
import { getReachSeries } from "@/lib/queries/getReachSeries";

export const dynamic = "force-dynamic";

export const GET = scopedRoute(z.object({}), async ({ scope }) => {
  const params = {
    agencyId: scope.agency.id,
    from: scope.period.from,
    to: scope.period.to,
    accountIds: scope.channels,
  };
  const [series, campaigns] = await Promise.all([
    getReachSeries(db(), { ...params, bucket: scope.bucket }),
    getCampaignReach(db(), { ...params, timeZone: scope.timeZone }),
  ]);
  return { ...series, campaigns };
});
