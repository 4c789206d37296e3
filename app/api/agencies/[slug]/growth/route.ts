import { z } from "zod";
import { db } from "@/lib/db/client";
import { scopedRoute } from "@/lib/metrics/request";
import { getChannelGrowth } from "@/lib/queries/getChannelGrowth";

export const dynamic = "force-dynamic";

export const GET = scopedRoute(
  z.object({}),
  ({ scope }) =>
    getChannelGrowth(db(), {
      agencyId: scope.agency.id,
      ...scope.period,
      bucket: scope.bucket,
      accountIds: scope.channels,
    }),
  // Growth reads the agency's channels and daily figures (and their rollups, kept by the same statements)
  // and nothing else: reused per range, bucket, channels and data version.
  {
    cache: ({ scope }) => ({
      name: "growth",
      agencyIds: [scope.agency.id],
      args: `${scope.period.from}|${scope.period.to}|${scope.bucket}|${scope.channels?.join(",") ?? ""}`,
    }),
  },
);
