import type { PlatformHandler } from "../server";
import { account, findPost, retryAfter } from "./common";

const fail = (code: number, message: string) => ({ status: 200, body: { stat: "fail", code, message } });
const ok = (body: Record<string, unknown>) => ({ status: 200, body: { ...body, stat: "ok" } });

export const flickr: PlatformHandler = {
  handle(req) {
    if (req.path !== "/services/rest" && req.path !== "/services/rest/") return { status: 404, body: "Not Found" };
    if (req.query.get("format") !== "json" || req.query.get("nojsoncallback") !== "1")
      return fail(111, 'Format "xml" not found');
    const method = req.query.get("method");
    switch (method) {
      case "flickr.people.findByUsername": {
        const a = account(req, "flickr", req.query.get("username"));
        return a ? ok({ user: { id: a.id, nsid: a.id, username: { _content: a.handle } } }) : fail(1, "User not found");
      }
      case "flickr.people.getInfo": {
        const a = account(req, "flickr", req.query.get("user_id"));
        if (!a) return fail(1, "User not found");
        const photos: Record<string, unknown> = { firstdate: { _content: "1267430400" } };
        if (!req.retired) photos.count = { _content: a.posts(req.now).length };
        return ok({
          person: {
            id: a.id,
            nsid: a.id,
            ispro: 0,
            has_stats: 1,
            username: { _content: a.handle },
            realname: { _content: a.displayName },
            photosurl: { _content: `https://www.flickr.com/photos/${a.handle}/` },
            photos,
          },
        });
      }
      case "flickr.stats.getTotalViews": {
        const a = account(req, "flickr", req.query.get("user_id") ?? "");
        const views = a ? a.posts(req.now).reduce((s, p) => s + p.impressions, 0) : 0;
        return ok({
          stats: {
            total: { views: String(views) },
            photos: { views: String(Math.round(views * 0.8)) },
            photostream: { views: String(Math.round(views * 0.2)) },
            sets: { views: "0" },
            collections: { views: "0" },
          },
        });
      }
      case "flickr.people.getPublicPhotos": {
        const a = account(req, "flickr", req.query.get("user_id"));
        if (!a) return fail(1, "User not found");
        const perPage = req.pageSize(Number(req.query.get("per_page")) || null, 100, 500);
        const page = Math.max(1, Number(req.query.get("page")) || 1);
        const all = a.posts(req.now);
        const photo = all.slice((page - 1) * perPage, page * perPage).map((p) => ({
          id: p.id,
          owner: a.id,
          title: p.text,
          ispublic: 1,
          dateupload: String(Math.floor(p.publishedAt.getTime() / 1000)),
          views: String(p.impressions),
          count_comments: String(p.replies.filter((r) => r.publishedAt <= req.now).length),
          count_faves: String(p.likes),
        }));
        return ok({
          photos: {
            page,
            pages: Math.max(1, Math.ceil(all.length / perPage)),
            perpage: perPage,
            total: all.length,
            photo,
          },
        });
      }
      case "flickr.photos.comments.getList": {
        const f = findPost(req, "flickr", req.query.get("photo_id") ?? "");
        if (!f) return fail(1, "Photo not found");
        return ok({
          comments: {
            photo_id: f.post.id,
            comment: f.post.replies.map((r) => ({
              id: r.id,
              author: `${r.author}@N01`,
              authorname: r.author,
              realname: r.authorName,
              datecreate: String(Math.floor(r.publishedAt.getTime() / 1000)),
              permalink: `https://www.flickr.com/photos/${f.account.handle}/${f.post.id}/#comment${r.id}`,
              _content: r.text,
            })),
          },
        });
      }
      default:
        return fail(112, `Method "${method}" not found`);
    }
  },
  // Flickr documents no rate-limit headers (only "3600 queries per hour per key").
  rateLimitHeaders: () => ({}),
  rateLimited: (resetAt) => ({
    status: 429,
    body: { stat: "fail", code: 429, message: "Too Many Requests" },
    headers: { "retry-after": retryAfter(resetAt) },
  }),
  expiredToken: () => fail(98, "Invalid auth token"),
  quota: () => fail(105, "Service currently unavailable"),
  serverError: () => ({ status: 502, body: { stat: "fail", code: 105, message: "Service currently unavailable" } }),
};
