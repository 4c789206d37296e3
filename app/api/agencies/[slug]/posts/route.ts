import { z } from "zod";
import { db } from "@/lib/db/client";
import { scopedRoute } from "@/lib/metrics/request";
import { getTopPosts, PostSortSchema } from "@/lib/queries/getTopPosts";

export const dynamic = "force-dynamic";

const Extra = z.object({
  sort: PostSortSchema.default("impressions"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const GET = scopedRoute(Extra, ({ scope, extra }) =>
  getTopPosts(db(), {
    agencyId: scope.agency.id,
    timeZone: scope.timeZone,
    from: scope.period.from,
    to: scope.period.to,
    accountIds: scope.channels,
    sort: extra.sort,
    limit: extra.limit,
  }),
);
