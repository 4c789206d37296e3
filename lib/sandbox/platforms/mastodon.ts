import type { PlatformHandler } from "../server";
import { account, findPost } from "./common";

const err = (status: number, error: string) => ({ status, body: { error } });

export const mastodon: PlatformHandler = {
  handle(req) {
    const accountJson = (
      a: { id: string; handle: string; displayName: string; following: number },
      followers: number | null,
      statuses: { publishedAt: Date }[],
    ) => {
      const body: Record<string, unknown> = {
        id: a.id,
        username: a.handle,
        acct: a.handle,
        display_name: a.displayName,
        locked: false,
        bot: false,
        created_at: "2022-11-01T00:00:00.000Z",
        note: "",
        url: `https://mastodon.example/@${a.handle}`,
        following_count: a.following,
        statuses_count: statuses.length,
        last_status_at: statuses[0]?.publishedAt.toISOString() ?? null,
      };
      if (followers !== null) body.followers_count = followers;
      return body;
    };
    if (req.path === "/api/v1/accounts/lookup") {
      const a = account(req, "mastodon", (req.query.get("acct") ?? "").split("@")[0] ?? "");
      if (!a) return err(404, "Record not found");
      return { status: 200, body: accountJson(a, req.retired ? null : a.followers(req.now), a.posts(req.now)) };
    }
    let m = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(req.path);
    if (m) {
      const a = account(req, "mastodon", m[1]!);
      if (!a) return err(404, "Record not found");
      const size = req.pageSize(Number(req.query.get("limit")) || null, 20, 40);
      const all = a.posts(req.now);
      const maxId = req.query.get("max_id");
      const start = maxId ? all.findIndex((p) => p.id === maxId) + 1 : 0;
      const page = all.slice(start, start + size);
      const headers: Record<string, string> = {};
      if (start + size < all.length && page.length)
        headers.link = `<${req.origin}/api/v1/accounts/${a.id}/statuses?limit=${size}&max_id=${page.at(-1)!.id}>; rel="next", <${req.origin}/api/v1/accounts/${a.id}/statuses?min_id=${page[0]!.id}>; rel="prev"`;
      const body = page.map((p) => ({
        id: p.id,
        created_at: p.publishedAt.toISOString(),
        in_reply_to_id: null,
        in_reply_to_account_id: null,
        visibility: "public",
        uri: `https://mastodon.example/users/${a.handle}/statuses/${p.id}`,
        url: `https://mastodon.example/@${a.handle}/${p.id}`,
        content: `<p>${p.text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`,
        reblog: null,
        account: accountJson(a, a.followers(req.now), all),
        replies_count: p.replies.filter((r) => r.publishedAt <= req.now).length,
        reblogs_count: p.reposts,
        favourites_count: p.likes,
        quotes_count: p.quotes,
        language: "nb",
      }));
      return { status: 200, body, headers };
    }
    m = /^\/api\/v1\/statuses\/([^/]+)\/context$/.exec(req.path);
    if (m) {
      const f = findPost(req, "mastodon", m[1]!);
      if (!f) return err(404, "Record not found");
      const descendants = f.post.replies.slice(0, 60).map((r) => ({
        id: r.id,
        created_at: r.publishedAt.toISOString(),
        in_reply_to_id: f.post.id,
        in_reply_to_account_id: f.account.id,
        visibility: "public",
        uri: `https://mastodon.example/users/${r.author}/statuses/${r.id}`,
        url: `https://mastodon.example/@${r.author}/${r.id}`,
        content: `<p>${r.text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`,
        reblog: null,
        account: {
          id: `u-${r.author}`,
          username: r.author,
          acct: `${r.author}@mastodon.example`,
          display_name: r.authorName,
        },
        replies_count: 0,
        reblogs_count: 0,
        favourites_count: 0,
        language: "nb",
      }));
      return { status: 200, body: { ancestors: [], descendants } };
    }
    return err(404, "Not Found");
  },
  rateLimitHeaders: (limit, remaining, resetAt) => ({
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-reset": resetAt.toISOString().replace("Z", "000Z"),
  }),
  rateLimited: (_resetAt, headers) => ({ ...err(429, "Too many requests"), headers }),
  expiredToken: () => err(401, "The access token is invalid"),
  quota: () => err(429, "Too many requests"),
  serverError: () => ({ status: 503, body: "<html><body>503 Service Unavailable</body></html>" }),
};
