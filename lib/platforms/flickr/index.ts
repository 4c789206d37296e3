import { z } from "zod";
import { authExpired, malformed, notFound, rateLimited, transient } from "../errors";
import { getJson, numberOrNull, parseBody, withQuery } from "../http";
import type { Connector, ConnectorContext, MetricGap } from "../types";

export const FLICKR_API = "https://api.flickr.com";

// Flickr turns XML into JSON: values may be strings or numbers, text sits in `_content`.
const num = z.union([z.string(), z.number()]);
const content = z.object({ _content: num });
const FailSchema = z.object({ stat: z.literal("fail"), code: z.number(), message: z.string() });
const UserSchema = z.object({ user: z.object({ id: z.string() }) });
const PersonSchema = z.object({
  person: z.object({
    id: z.string(),
    username: content.optional(),
    realname: content.optional(),
    photos: z.object({ count: content.optional() }).optional(),
  }),
});
const PhotosSchema = z.object({
  photos: z.object({
    page: num,
    pages: num,
    photo: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        dateupload: num,
        views: num.optional(),
        count_comments: num.optional(),
        count_faves: num.optional(),
      }),
    ),
  }),
});
const CommentsSchema = z.object({
  comments: z.object({
    comment: z
      .array(
        z.object({
          id: z.string(),
          author: z.string(),
          datecreate: num,
          permalink: z.string().optional(),
          _content: z.string(),
        }),
      )
      .optional(),
  }),
});

async function rest(ctx: ConnectorContext, method: string, args: Record<string, string | number | undefined>) {
  const url = withQuery(ctx.baseUrl, "/services/rest/", {
    method,
    ...args,
    api_key: ctx.token ?? undefined,
    format: "json",
    nojsoncallback: 1,
  });
  const res = await getJson("flickr", url, { timeoutMs: ctx.timeoutMs });
  if (res.status === 429)
    throw rateLimited("flickr", new Date(Date.now() + (numberOrNull(res.headers.get("retry-after")) ?? 3600) * 1000));
  if (res.status >= 500) throw transient("flickr", `HTTP ${res.status}`);
  const fail = FailSchema.safeParse(res.body);
  if (fail.success) {
    const { code, message } = fail.data;
    if (code === 98 || code === 99 || code === 100 || code === 96 || code === 97)
      throw authExpired("flickr", `${message} (code ${code})`);
    if (code === 105) throw transient("flickr", message);
    if (code === 1) throw notFound("flickr", message);
    throw malformed("flickr", `${message} (code ${code})`);
  }
  if (res.status !== 200) throw malformed("flickr", `HTTP ${res.status}`);
  return res.body;
}

async function userId(ctx: ConnectorContext): Promise<string> {
  if (ctx.platformId) return ctx.platformId;
  return parseBody(
    "flickr",
    UserSchema,
    await rest(ctx, "flickr.people.findByUsername", { username: ctx.handle }),
    "findByUsername",
  ).user.id;
}

const date = (v: string | number) => new Date(Number(v) * 1000);

export const flickr: Connector = {
  platform: "flickr",
  backfillLimitDays: 365,

  async fetchAccountMetrics(ctx) {
    const id = await userId(ctx);
    const { person } = parseBody(
      "flickr",
      PersonSchema,
      await rest(ctx, "flickr.people.getInfo", { user_id: id }),
      "people.getInfo",
    );
    const gaps: MetricGap[] = [];
    if (person.photos?.count === undefined)
      gaps.push({ metric: "person.photos.count", reason: "missing from the response" });
    // Flickr publishes no follower count through people.getInfo: followers stay unknown.
    return {
      platformId: person.id,
      displayName: person.realname ? String(person.realname._content) : null,
      followers: null,
      following: null,
      postsCount: numberOrNull(person.photos?.count?._content),
      gaps,
    };
  },

  async fetchPostsPage(ctx, page, pageSize) {
    const id = await userId(ctx);
    const n = page ? Number(page) : 1;
    const body = parseBody(
      "flickr",
      PhotosSchema,
      await rest(ctx, "flickr.people.getPublicPhotos", {
        user_id: id,
        extras: "date_upload,views,count_comments,count_faves",
        per_page: Math.min(500, pageSize),
        page: n,
      }),
      "people.getPublicPhotos",
    );
    const posts = body.photos.photo.map((p) => ({
      platformPostId: p.id,
      publishedAt: date(p.dateupload),
      text: p.title,
      permalink: `https://www.flickr.com/photos/${id}/${p.id}`,
      impressions: numberOrNull(p.views),
      likes: numberOrNull(p.count_faves),
      reposts: null,
      replies: numberOrNull(p.count_comments),
      quotes: null,
    }));
    return { posts, next: n < Number(body.photos.pages) ? String(n + 1) : null, gaps: [] };
  },

  async fetchReplies(ctx, post) {
    const body = parseBody(
      "flickr",
      CommentsSchema,
      await rest(ctx, "flickr.photos.comments.getList", { photo_id: post.platformPostId }),
      "comments.getList",
    );
    return (body.comments.comment ?? []).map((c) => ({
      platformReplyId: c.id,
      platformPostId: post.platformPostId,
      authorHandle: c.author,
      authorDisplayName: null,
      text: c._content,
      publishedAt: date(c.datecreate),
      permalink: c.permalink ?? null,
      language: null,
    }));
  },
};
