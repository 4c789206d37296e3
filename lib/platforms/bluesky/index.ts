import { z } from "zod";
import { authExpired, malformed, notFound, PlatformError, rateLimited, transient } from "../errors";
import { getJson, noteBudget, numberOrNull, parseBody, withQuery } from "../http";
import type { Connector, ConnectorContext, MetricGap, ReplyData } from "../types";

export const BLUESKY_API = "https://public.api.bsky.app";

const ErrorSchema = z.object({ error: z.string(), message: z.string().optional() });
const ProfileSchema = z.object({
  did: z.string(),
  handle: z.string(),
  displayName: z.string().optional(),
  followersCount: z.number().int().optional(),
  followsCount: z.number().int().optional(),
  postsCount: z.number().int().optional(),
});
const PostView = z.object({
  uri: z.string(),
  author: z.object({ did: z.string(), handle: z.string() }),
  record: z.object({ text: z.string().optional(), createdAt: z.string(), langs: z.array(z.string()).optional() }),
  replyCount: z.number().int().optional(),
  repostCount: z.number().int().optional(),
  likeCount: z.number().int().optional(),
  quoteCount: z.number().int().optional(),
});
const FeedSchema = z.object({
  feed: z.array(z.object({ post: PostView, reason: z.object({ $type: z.string() }).optional() })),
  cursor: z.string().optional(),
});
type ThreadNode = { $type?: string; post?: z.infer<typeof PostView>; replies?: ThreadNode[] };
const ThreadNodeSchema: z.ZodType<ThreadNode> = z.lazy(() =>
  z.object({ $type: z.string().optional(), post: PostView.optional(), replies: z.array(ThreadNodeSchema).optional() }),
);
const ThreadSchema = z.object({ thread: ThreadNodeSchema });

async function xrpc(ctx: ConnectorContext, nsid: string, query: Record<string, string | number | undefined>) {
  const url = withQuery(ctx.baseUrl, `/xrpc/${nsid}`, query);
  const res = await getJson("bluesky", url, {
    timeoutMs: ctx.timeoutMs,
    headers: ctx.token ? { authorization: `Bearer ${ctx.token}` } : {},
  });
  const reset = numberOrNull(res.headers.get("ratelimit-reset"));
  const resetAt = reset ? new Date(reset * 1000) : null;
  // `ratelimit-policy: 3000;w=300`: the window's length, which narrows the reset given in whole seconds.
  const windowSeconds = numberOrNull(/;\s*w=(\d+)/.exec(res.headers.get("ratelimit-policy") ?? "")?.[1]);
  noteBudget(
    url,
    numberOrNull(res.headers.get("ratelimit-remaining")),
    resetAt,
    undefined,
    windowSeconds ? windowSeconds * 1000 : undefined,
  );
  if (res.status === 200) return res.body;
  if (res.status === 429) throw rateLimited("bluesky", resetAt ?? new Date(Date.now() + 5 * 60_000));
  if (res.status >= 500) throw transient("bluesky", `HTTP ${res.status}`);
  const err = ErrorSchema.safeParse(res.body);
  if (!err.success) throw malformed("bluesky", `HTTP ${res.status} without an XRPC error`);
  if (res.status === 401 || ["ExpiredToken", "InvalidToken", "AuthMissing"].includes(err.data.error))
    throw authExpired("bluesky", err.data.error);
  if (
    ["NotFound", "BlockedActor", "BlockedByActor"].includes(err.data.error) ||
    err.data.message === "Profile not found"
  )
    throw notFound("bluesky", err.data.message ?? err.data.error);
  throw malformed("bluesky", `${err.data.error}: ${err.data.message ?? ""}`);
}

const rkey = (uri: string) => uri.split("/").at(-1)!;
const permalink = (handle: string, uri: string) => `https://bsky.app/profile/${handle}/post/${rkey(uri)}`;

export const bluesky: Connector = {
  platform: "bluesky",
  backfillLimitDays: 365,

  async fetchAccountMetrics(ctx) {
    const p = parseBody(
      "bluesky",
      ProfileSchema,
      await xrpc(ctx, "app.bsky.actor.getProfile", { actor: ctx.platformId ?? ctx.handle }),
      "getProfile",
    );
    const gaps: MetricGap[] = [];
    for (const key of ["followersCount", "followsCount", "postsCount"] as const)
      if (p[key] === undefined) gaps.push({ metric: key, reason: "missing from the response" });
    return {
      platformId: p.did,
      displayName: p.displayName ?? null,
      followers: p.followersCount ?? null,
      following: p.followsCount ?? null,
      postsCount: p.postsCount ?? null,
      gaps,
    };
  },

  async fetchPostsPage(ctx, page, pageSize) {
    const body = parseBody(
      "bluesky",
      FeedSchema,
      await xrpc(ctx, "app.bsky.feed.getAuthorFeed", {
        actor: ctx.platformId ?? ctx.handle,
        limit: Math.min(100, pageSize),
        cursor: page ?? undefined,
        filter: "posts_no_replies",
      }),
      "getAuthorFeed",
    );
    const posts = body.feed
      .filter((item) => !item.reason?.$type.endsWith("#reasonRepost"))
      .map(({ post }) => ({
        // The at-uri is the post's id: getPostThread needs it whole.
        platformPostId: post.uri,
        publishedAt: new Date(post.record.createdAt),
        text: post.record.text ?? "",
        permalink: permalink(post.author.handle, post.uri),
        impressions: null,
        likes: post.likeCount ?? null,
        reposts: post.repostCount ?? null,
        replies: post.replyCount ?? null,
        quotes: post.quoteCount ?? null,
      }));
    return { posts, next: body.feed.length ? (body.cursor ?? null) : null, gaps: [] };
  },

  async fetchReplies(ctx, post) {
    let answer: unknown;
    try {
      answer = await xrpc(ctx, "app.bsky.feed.getPostThread", { uri: post.platformPostId, depth: 10, parentHeight: 0 });
    } catch (error) {
      // A post deleted since it was listed ("Post not found") has no replies to fetch.
      if (error instanceof PlatformError && error.kind === "not_found") return [];
      throw error;
    }
    const body = parseBody("bluesky", ThreadSchema, answer, "getPostThread");
    const out: ReplyData[] = [];
    const walk = (node: ThreadNode) => {
      for (const r of node.replies ?? []) {
        if (r.$type && !r.$type.endsWith("#threadViewPost")) continue; // notFoundPost / blockedPost
        if (r.post)
          out.push({
            platformReplyId: r.post.uri,
            platformPostId: post.platformPostId,
            authorHandle: r.post.author.did,
            authorDisplayName: null,
            text: r.post.record.text ?? "",
            publishedAt: new Date(r.post.record.createdAt),
            permalink: permalink(r.post.author.handle, r.post.uri),
            language: r.post.record.langs?.[0] ?? null,
          });
        walk(r);
      }
    };
    walk(body.thread);
    return out;
  },
};
