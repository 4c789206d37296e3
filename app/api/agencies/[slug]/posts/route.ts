import { z } from "zod";
import { db } from "@/lib/db/client";
import { agencyRoute } from "@/lib/api/agencyRoute";
import { getTopPosts, PostSortSchema } from "@/lib/queries/getTopPosts";

export const dynamic = "force-dynamic";

const Extra = z.object({
  sort: PostSortSchema.default("impressions"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const GET = agencyRoute(Extra, ({ agency, range, accountIds, extra }) =>
  getTopPosts(db(), { agencyId: agency.id, timeZone: agency.timeZone, from: range.from, to: range.to, accountIds, sort: extra.sort, limit: extra.limit }));
