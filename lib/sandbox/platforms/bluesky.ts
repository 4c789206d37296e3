import type { PlatformHandler } from "../server";
import { account, did, epochSeconds, findPost, offsetOf, token } from "./common";

const xrpcError = (status: number, error: string, message: string) => ({ status, body: { error, message } });
const uri = (accountId: string, postId: string) => `at://${did(accountId)}/app.bsky.feed.post/${postId}`;

export const bluesky: PlatformHandler = {
  handle(req) {
    const author = (a: { id: string; handle: string; displayName: string }) => ({
      did: did(a.id),
      handle: a.handle,
      displayName: a.displayName,
      labels: [],
    });
    if (req.path === "/xrpc/app.bsky.actor.getProfile") {
      const a = account(req, "bluesky", req.query.get("actor"));
      if (!a) return xrpcError(400, "InvalidRequest", "Profile not found");
      const body: Record<string, unknown> = {
        ...author(a),
        description: "",
        followersCount: a.followers(req.now),
        followsCount: a.following,
        postsCount: a.posts(req.now).length,
        createdAt: "2023-04-12T04:53:57.057Z",
        indexedAt: "2023-04-12T04:53:57.057Z",
      };
      if (req.retired) delete body.followersCount;
      return { status: 200, body };
    }
    if (req.path === "/xrpc/app.bsky.feed.getAuthorFeed") {
      const a = account(req, "bluesky", req.query.get("actor"));
      if (!a) return xrpcError(400, "InvalidRequest", "Profile not found");
      const size = req.pageSize(Number(req.query.get("limit")) || null, 50, 100);
      const from = offsetOf(req.query.get("cursor"));
      const all = a.posts(req.now);
      const feed = all.slice(from, from + size).map((p) => ({
        post: {
          uri: uri(a.id, p.id),
          cid: `bafy${p.id}`,
          author: author(a),
          record: { $type: "app.bsky.feed.post", text: p.text, createdAt: p.publishedAt.toISOString(), langs: ["no"] },
          replyCount: p.replies.filter((r) => r.publishedAt <= req.now).length,
          repostCount: p.reposts,
          likeCount: p.likes,
          quoteCount: p.quotes,
          bookmarkCount: 0,
          indexedAt: p.publishedAt.toISOString(),
          labels: [],
        },
      }));
      return { status: 200, body: from + size < all.length ? { feed, cursor: token(from + size) } : { feed } };
    }
    if (req.path === "/xrpc/app.bsky.feed.getPostThread") {
      const u = req.query.get("uri") ?? "";
      const f = findPost(req, "bluesky", u.split("/").at(-1) ?? "");
      if (!f) return xrpcError(400, "NotFound", `Post not found: ${u}`);
      const view = (id: string, text: string, at: Date, by: { id: string; handle: string; displayName: string }) => ({
        uri: uri(f.account.id, id),
        cid: `bafy${id}`,
        author: author(by),
        record: { $type: "app.bsky.feed.post", text, createdAt: at.toISOString() },
        replyCount: 0,
        repostCount: 0,
        likeCount: 0,
        quoteCount: 0,
        indexedAt: at.toISOString(),
        labels: [],
      });
      return {
        status: 200,
        body: {
          thread: {
            $type: "app.bsky.feed.defs#threadViewPost",
            post: view(f.post.id, f.post.text, f.post.publishedAt, f.account),
            replies: f.post.replies.map((r) => ({
              $type: "app.bsky.feed.defs#threadViewPost",
              post: view(r.id, r.text, r.publishedAt, {
                id: `u-${r.author}`,
                handle: `${r.author}.bsky.social`,
                displayName: r.authorName,
              }),
              replies: [],
            })),
          },
        },
      };
    }
    return xrpcError(501, "MethodNotImplemented", "Method Not Implemented");
  },
  rateLimitHeaders: (limit, remaining, resetAt, windowMs) => ({
    "ratelimit-limit": String(limit),
    "ratelimit-remaining": String(remaining),
    "ratelimit-reset": epochSeconds(resetAt),
    "ratelimit-policy": `${limit};w=${Math.round(windowMs / 1000)}`,
  }),
  rateLimited: (_resetAt, headers) => ({ ...xrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded"), headers }),
  expiredToken: () => xrpcError(400, "ExpiredToken", "Token has expired"),
  quota: () => xrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded"),
  serverError: () => xrpcError(502, "UpstreamFailure", "Upstream Failure"),
};
