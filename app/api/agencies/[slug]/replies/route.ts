import { z } from "zod";
import { db } from "@/lib/db/client";
import { scopedRoute } from "@/lib/metrics/request";
import { getReplySeries } from "@/lib/queries/getReplySeries";

export const dynamic = "force-dynamic";

export const GET = scopedRoute(z.object({}), ({ scope }) =>
  getReplySeries(db(), {
    agencyId: scope.agency.id,
    ...scope.period,
    bucket: scope.bucket,
    accountIds: scope.channels,
  }),
);
