import type { PlatformHandler } from "../server";
import { account, epochSeconds, findPost, iso, offsetOf, token } from "./common";

const problem = (status: number, title: string) => ({
  status,
  body: { title, detail: title, type: "about:blank", status },
});

export const twitter: PlatformHandler = {
  handle(req) {
    let m = /^\/2\/users\/by\/username\/([^/]+)$/.exec(req.path);
    if (m) {
      const a = account(req, "twitter", m[1]!);
      if (!a)
        return {
          status: 200,
          body: {
            errors: [
              {
                value: m[1],
                detail: `Could not find user with username: [${m[1]}].`,
                title: "Not Found Error",
                resource_type: "user",
                parameter: "username",
                resource_id: m[1],
                type: "https://api.twitter.com/2/problems/resource-not-found",
              },
            ],
          },
        };
      const metrics: Record<string, number> = {
        followers_count: a.followers(req.now),
        following_count: a.following,
        tweet_count: a.posts(req.now).length,
        listed_count: 12,
      };
      if (req.retired) delete metrics.followers_count;
      return {
        status: 200,
        body: {
          data: {
            id: a.id,
            name: a.displayName,
            username: a.handle,
            created_at: "2012-01-02T10:00:00.000Z",
            public_metrics: metrics,
          },
        },
      };
    }
    m = /^\/2\/users\/([^/]+)\/tweets$/.exec(req.path);
    if (m) {
      const a = account(req, "twitter", m[1]!);
      if (!a) return problem(404, "Not Found Error");
      const size = req.pageSize(Number(req.query.get("max_results")) || null, 10, 100);
      const from = offsetOf(req.query.get("pagination_token"));
      const all = a.posts(req.now);
      const page = all.slice(from, from + size);
      const data = page.map((p) => ({
        id: p.id,
        text: p.text,
        edit_history_tweet_ids: [p.id],
        created_at: iso(p.publishedAt),
        conversation_id: p.id,
        author_id: a.id,
        lang: "no",
        public_metrics: {
          retweet_count: p.reposts,
          reply_count: p.replies.filter((r) => r.publishedAt <= req.now).length,
          like_count: p.likes,
          quote_count: p.quotes,
          bookmark_count: 0,
          impression_count: p.impressions,
        },
      }));
      const meta: Record<string, unknown> = { result_count: data.length };
      if (data.length) Object.assign(meta, { newest_id: data[0]!.id, oldest_id: data.at(-1)!.id });
      if (from + size < all.length) meta.next_token = token(from + size);
      if (from > 0) meta.previous_token = token(Math.max(0, from - size));
      return { status: 200, body: data.length ? { data, meta } : { meta } };
    }
    if (req.path === "/2/tweets/search/recent") {
      const q = /conversation_id:(\S+)/.exec(req.query.get("query") ?? "");
      const found = q ? findPost(req, "twitter", q[1]!) : null;
      if (!found) return { status: 200, body: { meta: { result_count: 0 } } };
      const size = req.pageSize(Number(req.query.get("max_results")) || null, 10, 100);
      const from = offsetOf(req.query.get("next_token"));
      const replies = [...found.post.replies].reverse();
      const page = replies.slice(from, from + size);
      const data = page.map((r) => ({
        id: r.id,
        text: r.text,
        created_at: iso(r.publishedAt),
        conversation_id: found.post.id,
        author_id: `u-${r.author}`,
        lang: "no",
      }));
      const meta: Record<string, unknown> = { result_count: data.length };
      if (from + size < replies.length) meta.next_token = token(from + size);
      const includes = {
        users: page.map((r) => ({ id: `u-${r.author}`, username: r.author, name: r.authorName || r.author })),
      };
      return { status: 200, body: data.length ? { data, includes, meta } : { meta } };
    }
    return problem(404, "Not Found");
  },
  rateLimitHeaders: (limit, remaining, resetAt) => ({
    "x-rate-limit-limit": String(limit),
    "x-rate-limit-remaining": String(remaining),
    "x-rate-limit-reset": epochSeconds(resetAt),
  }),
  // A 429 carries x-rate-limit-remaining: 0 and the reset, like every other answer (recorded).
  rateLimited: (_resetAt, headers) => ({ ...problem(429, "Too Many Requests"), headers }),
  expiredToken: () => problem(401, "Unauthorized"),
  quota: () => ({
    status: 429,
    body: {
      account_id: 1234567890,
      product_name: "standard-basic",
      title: "UsageCapExceeded",
      detail: "Usage cap exceeded: Monthly product cap",
      type: "https://api.twitter.com/2/problems/usage-capped",
      period: "Monthly",
      scope: "Product",
    },
  }),
  serverError: () => problem(503, "Service Unavailable"),
};
