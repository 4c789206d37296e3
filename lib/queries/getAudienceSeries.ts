import type { Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { timeseries } from "@/lib/metrics/engine";
import type { Day } from "@/lib/time";
import type { Bucket } from "./buckets";

export type AudienceSeries = {
  buckets: Day[];
  series: { accountId: string; platform: Platform; handle: string; displayName: string; values: (number | null)[] }[];
};

/** Audience per channel at the end of each bucket (the engine's "audience at the end of a period"), channels with data only. */
export async function getAudienceSeries(
  db: Db,
  params: { agencyId: string; from: Day; to: Day; bucket: Bucket; accountIds?: string[] },
): Promise<AudienceSeries> {
  const s = await timeseries(
    db,
    { agencyIds: [params.agencyId], accountIds: params.accountIds },
    params,
    params.bucket,
    { metrics: ["audience"] },
  );
  return {
    buckets: s.buckets,
    series: s.channels
      .filter((c) => c.values.some((v) => v.audience !== null))
      .map((c) => ({
        accountId: c.accountId,
        platform: c.platform,
        handle: c.handle,
        displayName: c.displayName,
        values: c.values.map((v) => v.audience),
      })),
  };
}
