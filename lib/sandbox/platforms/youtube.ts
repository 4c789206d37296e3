import type { PlatformHandler } from "../server";
import { account, findPost, offsetOf, token } from "./common";

const COMMENTS_DISABLED =
  'The video identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> parameter has disabled comments.';

const gError = (code: number, reason: string, message: string, domain = "youtube.quota") => ({
  status: code,
  body: { error: { code, message, errors: [{ message, domain, reason }] } },
});

export const youtube: PlatformHandler = {
  handle(req) {
    const list = (kind: string, items: unknown[], extra: Record<string, unknown> = {}) => ({
      status: 200,
      body: {
        kind: `youtube#${kind}ListResponse`,
        etag: "sandbox",
        ...extra,
        pageInfo: { totalResults: items.length, resultsPerPage: items.length },
        items,
      },
    });
    if (req.path === "/youtube/v3/channels") {
      const key = (req.query.get("forHandle") ?? req.query.get("id") ?? "").replace(/^@/, "");
      const a = account(req, "youtube", key);
      if (!a) return list("channel", []);
      const hidden = a.handle.startsWith("hidden");
      const statistics: Record<string, unknown> = {
        viewCount: String(a.posts(req.now).reduce((s, p) => s + p.impressions, 0)),
        hiddenSubscriberCount: hidden,
        videoCount: String(a.posts(req.now).length),
      };
      if (!hidden && !req.retired) statistics.subscriberCount = String(a.followers(req.now));
      return list("channel", [
        {
          kind: "youtube#channel",
          etag: "sandbox",
          id: a.id,
          snippet: { title: a.displayName },
          statistics,
          contentDetails: { relatedPlaylists: { uploads: `UU-${a.handle}` } },
        },
      ]);
    }
    if (req.path === "/youtube/v3/playlistItems") {
      const a = account(req, "youtube", (req.query.get("playlistId") ?? "").replace(/^UU-/, ""));
      if (!a)
        return gError(
          404,
          "playlistNotFound",
          "The playlist identified with the request's playlistId parameter cannot be found.",
          "youtube.playlistItem",
        );
      const size = req.pageSize(Number(req.query.get("maxResults")) || null, 5, 50);
      const from = offsetOf(req.query.get("pageToken"));
      const all = a.posts(req.now);
      const items = all.slice(from, from + size).map((p) => ({
        kind: "youtube#playlistItem",
        id: `pli-${p.id}`,
        snippet: {
          publishedAt: p.publishedAt.toISOString(),
          title: p.text,
          resourceId: { kind: "youtube#video", videoId: p.id },
        },
        contentDetails: { videoId: p.id, videoPublishedAt: p.publishedAt.toISOString() },
      }));
      return list("playlistItem", items, from + size < all.length ? { nextPageToken: token(from + size) } : {});
    }
    if (req.path === "/youtube/v3/videos") {
      const ids = (req.query.get("id") ?? "").split(",").filter(Boolean);
      const items = ids.flatMap((id) => {
        const f = findPost(req, "youtube", id);
        return f
          ? [
              {
                kind: "youtube#video",
                id,
                statistics: {
                  viewCount: String(f.post.impressions),
                  likeCount: String(f.post.likes),
                  favoriteCount: "0",
                  commentCount: String(f.post.replies.length),
                },
              },
            ]
          : [];
      });
      return list("video", items);
    }
    if (req.path === "/youtube/v3/commentThreads") {
      const f = findPost(req, "youtube", req.query.get("videoId") ?? "");
      if (!f)
        return gError(
          404,
          "videoNotFound",
          "The video identified by the videoId parameter could not be found.",
          "youtube.commentThread",
        );
      if (req.commentsDisabled)
        return {
          status: 403,
          body: {
            error: {
              code: 403,
              message: COMMENTS_DISABLED,
              errors: [
                {
                  message: COMMENTS_DISABLED,
                  domain: "youtube.commentThread",
                  reason: "commentsDisabled",
                  location: "videoId",
                  locationType: "parameter",
                },
              ],
            },
          },
        };
      const size = req.pageSize(Number(req.query.get("maxResults")) || null, 20, 100);
      const from = offsetOf(req.query.get("pageToken"));
      const items = f.post.replies.slice(from, from + size).map((r) => ({
        kind: "youtube#commentThread",
        id: r.id,
        snippet: {
          videoId: f.post.id,
          canReply: true,
          totalReplyCount: 0,
          isPublic: true,
          topLevelComment: {
            kind: "youtube#comment",
            id: r.id,
            snippet: {
              authorDisplayName: r.authorName || r.author,
              authorChannelId: { value: `UC-${r.author}` },
              videoId: f.post.id,
              textDisplay: r.text,
              textOriginal: r.text,
              likeCount: 0,
              publishedAt: r.publishedAt.toISOString(),
              updatedAt: r.publishedAt.toISOString(),
            },
          },
        },
      }));
      return list(
        "commentThread",
        items,
        from + size < f.post.replies.length ? { nextPageToken: token(from + size) } : {},
      );
    }
    return gError(404, "notFound", "Not Found", "global");
  },
  // The Data API sends no rate-limit headers; its budget is a daily quota.
  rateLimitHeaders: () => ({}),
  // Google's per-user rate limit is a 403 without any reset header (recorded).
  rateLimited: () => gError(403, "userRateLimitExceeded", "Rate Limit Exceeded", "usageLimits"),
  // The connector calls with an API key: a revoked or invalid key is a 400 keyInvalid (recorded).
  expiredToken: () => ({
    status: 400,
    body: {
      error: {
        errors: [{ domain: "usageLimits", reason: "keyInvalid", message: "Bad Request" }],
        code: 400,
        message: "Bad Request",
      },
    },
  }),
  quota: () =>
    gError(
      403,
      "quotaExceeded",
      'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
    ),
  serverError: () => gError(503, "backendError", "Backend Error", "global"),
};
