import type { Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { localRange, type Day } from "@/lib/time";
import { z } from "zod";

export const PostSortSchema = z.enum(["impressions", "replies", "likes", "reposts", "publishedAt"]);
export type PostSort = z.infer<typeof PostSortSchema>;

export type TopPost = {
  id: string;
  platform: Platform;
  handle: string;
  publishedAt: string;
  text: string;
  permalink: string | null;
  impressions: number | null;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
};

/** Posts published in the range (agency-local days), best first by the chosen metric; unknown metrics sort last. */
export async function getTopPosts(
  db: Db,
  params: {
    agencyId: string;
    timeZone: string;
    from: Day;
    to: Day;
    sort: PostSort;
    limit: number;
    accountIds?: string[];
  },
): Promise<TopPost[]> {
  const rows = await db.post.findMany({
    where: {
      agencyId: params.agencyId,
      publishedAt: {
        gte: localRange(params.from, params.to, params.timeZone).start,
        lt: localRange(params.from, params.to, params.timeZone).end,
      },
      ...(params.accountIds ? { accountId: { in: params.accountIds } } : {}),
    },
    select: {
      id: true,
      publishedAt: true,
      text: true,
      permalink: true,
      impressions: true,
      likes: true,
      reposts: true,
      replies: true,
      account: { select: { platform: true, handle: true } },
    },
    orderBy:
      params.sort === "publishedAt"
        ? [{ publishedAt: "desc" }]
        : [{ [params.sort]: { sort: "desc", nulls: "last" } }, { publishedAt: "desc" }],
    take: params.limit,
  });
  return rows.map((r) => ({
    id: r.id,
    platform: r.account.platform,
    handle: r.account.handle,
    publishedAt: r.publishedAt.toISOString(),
    text: r.text,
    permalink: r.permalink,
    impressions: r.impressions,
    likes: r.likes,
    reposts: r.reposts,
    replies: r.replies,
  }));
}
