import http from "node:http";
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  TwitterApi,
  type ITwitterApiClientPlugin,
} from "twitter-api-v2";
import { z } from "zod";
import { authExpired, malformed, notFound, PlatformError, quotaExceeded, rateLimited, transient } from "../errors";
import { checkBudget, noteBudget, parseBody } from "../http";
import { settle } from "../budget";
import type { Connector, ConnectorContext, MetricGap, PostData, ReplyData } from "../types";

export const TWITTER_API = "https://api.x.com";

const UserSchema = z.object({
  data: z
    .object({
      id: z.string(),
      name: z.string(),
      username: z.string(),
      public_metrics: z
        .object({
          followers_count: z.number().int().optional(),
          following_count: z.number().int().optional(),
          tweet_count: z.number().int().optional(),
          // OpenAPI v2.167 renames tweet_count to post_count; either may come on the wire.
          post_count: z.number().int().optional(),
        })
        .optional(),
    })
    .optional(),
  errors: z.array(z.object({ detail: z.string().optional(), title: z.string().optional() })).optional(),
});

const TweetSchema = z.object({
  id: z.string(),
  text: z.string(),
  created_at: z.string(),
  conversation_id: z.string().optional(),
  author_id: z.string().optional(),
  lang: z.string().optional(),
  public_metrics: z
    .object({
      retweet_count: z.number().int().optional(),
      // OpenAPI v2.167 renames retweet_count to repost_count; either may come on the wire.
      repost_count: z.number().int().optional(),
      reply_count: z.number().int(),
      like_count: z.number().int(),
      quote_count: z.number().int().optional(),
      impression_count: z.number().int().optional(),
    })
    .optional(),
});

const PageSchema = z.object({
  data: z.array(TweetSchema).optional(),
  includes: z
    .object({ users: z.array(z.object({ id: z.string(), username: z.string(), name: z.string() })).optional() })
    .optional(),
  meta: z.object({ result_count: z.number().int(), next_token: z.string().optional() }),
});

/**
 * twitter-api-v2 has no base-URL setting: a plugin rewrites its fixed https://api.x.com prefix to
 * the account's base URL (the sandbox), and a plain http.Agent lets it speak http to loopback.
 */
function client(ctx: ConnectorContext): TwitterApi {
  const base = ctx.baseUrl.replace(/\/$/, "");
  const plugin: ITwitterApiClientPlugin = {
    async onBeforeRequestConfig(args) {
      args.params.url = args.params.url.replace(/^https:\/\/api\.x\.com/, base);
      args.params.timeout = ctx.timeoutMs;
      await checkBudget("twitter", args.params.url, [new URL(args.params.url).origin]);
    },
    onAfterRequest(args) {
      settle(args.computedParams.url.toString());
      const rl = args.response.rateLimit;
      if (rl) noteBudget(args.computedParams.url.toString(), rl.remaining, new Date(rl.reset * 1000));
    },
    // No answer at all (network error, timeout): the call's token is given back all the same.
    onRequestError(args) {
      settle(args.computedParams.url.toString());
    },
    // A 429 carries the budget too (x-rate-limit-remaining: 0 and its reset): the next account waits.
    onResponseError(args) {
      const url = args.computedParams.url.toString();
      settle(url);
      const rl = args.error.rateLimit;
      if (rl) noteBudget(url, rl.remaining, new Date(rl.reset * 1000));
      if (args.error.code === 429 && isUsageCap(args.error)) noteBudget(url, 0, usageCapReset(), new URL(url).origin);
    },
  };
  const httpAgent = base.startsWith("http:") ? new http.Agent() : undefined;
  return new TwitterApi(ctx.token ?? "", { plugins: [plugin], ...(httpAgent ? { httpAgent } : {}) });
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw translate(error);
  }
}

// :TRICKY: a usage cap (monthly or daily) has no reset header; we look again in an hour rather than
// guess the end of X's billing period.
const usageCapReset = () => new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60 * 60_000);
const isUsageCap = (error: ApiResponseError) =>
  Boolean((error.data as { type?: string } | undefined)?.type?.includes("usage-capped"));

function translate(error: unknown): Error {
  if (error instanceof PlatformError) return error;
  if (error instanceof ApiResponseError) {
    const data = error.data as { type?: string; detail?: string; title?: string };
    const reset = error.rateLimit ? new Date(error.rateLimit.reset * 1000) : new Date(Date.now() + 15 * 60_000);
    if (error.code === 429 && isUsageCap(error)) return quotaExceeded("twitter", usageCapReset());
    if (error.rateLimitError) return rateLimited("twitter", reset);
    if (error.isAuthError || error.code === 403) return authExpired("twitter", data?.detail ?? `HTTP ${error.code}`);
    if (error.code === 404) return notFound("twitter", data?.detail ?? "not found");
    if (error.code >= 500) return transient("twitter", `HTTP ${error.code} from the platform`);
    return malformed("twitter", `HTTP ${error.code}: ${data?.detail ?? data?.title ?? "unexpected answer"}`);
  }
  if (error instanceof ApiPartialResponseError) return malformed("twitter", "body is not valid JSON");
  if (error instanceof ApiRequestError)
    return transient("twitter", `network error or timeout: ${error.requestError?.message ?? error.message}`);
  if (error instanceof SyntaxError) return malformed("twitter", "body is not valid JSON");
  return transient("twitter", (error as Error).message);
}

const TWEET_FIELDS = ["created_at", "conversation_id", "public_metrics", "author_id", "lang"] as const;

export const twitter: Connector = {
  platform: "twitter",
  // The user timeline reaches back 3 200 posts; recent search (replies) only about 7 days.
  backfillLimitDays: 90,

  async fetchAccountMetrics(ctx) {
    const raw = await call(() =>
      client(ctx).v2.userByUsername(ctx.handle, { "user.fields": ["public_metrics", "created_at"] }),
    );
    const body = parseBody("twitter", UserSchema, raw, "users/by/username");
    if (!body.data) throw notFound("twitter", body.errors?.[0]?.detail ?? `user ${ctx.handle} not found`);
    const m = body.data.public_metrics;
    const gaps: MetricGap[] = [];
    const posts = m?.post_count ?? m?.tweet_count;
    for (const key of ["followers_count", "following_count"] as const) {
      if (m?.[key] === undefined) gaps.push({ metric: `public_metrics.${key}`, reason: "missing from the response" });
    }
    if (posts === undefined)
      gaps.push({ metric: "public_metrics.tweet_count", reason: "missing from the response (nor post_count)" });
    return {
      platformId: body.data.id,
      displayName: body.data.name,
      followers: m?.followers_count ?? null,
      following: m?.following_count ?? null,
      postsCount: posts ?? null,
      gaps,
    };
  },

  async fetchPostsPage(ctx, page, pageSize) {
    const id = ctx.platformId ?? (await twitter.fetchAccountMetrics(ctx)).platformId;
    const paginator = await call(() =>
      client(ctx).v2.userTimeline(id, {
        max_results: Math.max(5, Math.min(100, pageSize)),
        "tweet.fields": [...TWEET_FIELDS],
        ...(page ? { pagination_token: page } : {}),
      }),
    );
    const body = parseBody("twitter", PageSchema, paginator.data, "users/:id/tweets");
    const gaps: MetricGap[] = [];
    const posts: PostData[] = (body.data ?? []).map((t) => {
      if (!t.public_metrics) gaps.push({ metric: "tweet.public_metrics", reason: `missing on ${t.id}` });
      return {
        platformPostId: t.id,
        publishedAt: new Date(t.created_at),
        text: t.text,
        permalink: `https://x.com/${ctx.handle}/status/${t.id}`,
        impressions: t.public_metrics?.impression_count ?? null,
        likes: t.public_metrics?.like_count ?? null,
        reposts: t.public_metrics?.repost_count ?? t.public_metrics?.retweet_count ?? null,
        replies: t.public_metrics?.reply_count ?? null,
        quotes: t.public_metrics?.quote_count ?? null,
      };
    });
    return { posts, next: body.meta.next_token ?? null, gaps };
  },

  async fetchReplies(ctx, post) {
    const out: ReplyData[] = [];
    let next: string | undefined;
    do {
      const paginator = await call(() =>
        client(ctx).v2.search(`conversation_id:${post.platformPostId}`, {
          max_results: 100,
          "tweet.fields": [...TWEET_FIELDS],
          expansions: ["author_id"],
          "user.fields": ["username", "name"],
          ...(next ? { next_token: next } : {}),
        }),
      );
      const body = parseBody("twitter", PageSchema, paginator.data, "tweets/search/recent");
      const users = new Map((body.includes?.users ?? []).map((u) => [u.id, u]));
      for (const t of body.data ?? []) {
        const author = users.get(t.author_id ?? "");
        out.push({
          platformReplyId: t.id,
          platformPostId: post.platformPostId,
          authorHandle: author?.username ?? t.author_id ?? "unknown",
          authorDisplayName: null,
          text: t.text,
          publishedAt: new Date(t.created_at),
          permalink: author ? `https://x.com/${author.username}/status/${t.id}` : null,
          language: t.lang ?? null,
        });
      }
      next = body.meta.next_token;
    } while (next);
    return out;
  },
};
