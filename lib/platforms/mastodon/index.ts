import { z } from "zod";
import { authExpired, malformed, notFound, rateLimited, transient } from "../errors";
import { getJson, noteBudget, numberOrNull, parseBody, withQuery } from "../http";
import type { Connector, ConnectorContext, MetricGap } from "../types";

/** Mastodon has no one API: the base URL is the account's instance (set on the account). */
export const MASTODON_DEFAULT_INSTANCE = "https://mastodon.social";

const AccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  display_name: z.string().optional(),
  followers_count: z.number().int().optional(),
  following_count: z.number().int().optional(),
  statuses_count: z.number().int().optional(),
});
const StatusSchema = z.object({
  id: z.string(),
  created_at: z.string(),
  content: z.string(),
  url: z.string().nullable().optional(),
  reblog: z.unknown().nullable().optional(),
  language: z.string().nullable().optional(),
  account: z.object({ id: z.string(), acct: z.string() }),
  replies_count: z.number().int().optional(),
  reblogs_count: z.number().int().optional(),
  favourites_count: z.number().int().optional(),
  quotes_count: z.number().int().optional(),
});
const ContextSchema = z.object({ descendants: z.array(StatusSchema) });

/** Mastodon sends HTML; we keep the text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p>/gi, "\n\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

async function api(ctx: ConnectorContext, path: string, query: Record<string, string | number | undefined>) {
  const url = withQuery(ctx.baseUrl, `/api/v1${path}`, query);
  const res = await getJson("mastodon", url, {
    timeoutMs: ctx.timeoutMs,
    headers: ctx.token ? { authorization: `Bearer ${ctx.token}` } : {},
  });
  // :TRICKY: Mastodon's reset is an ISO 8601 time, not epoch seconds.
  const resetHeader = res.headers.get("x-ratelimit-reset");
  const resetAt = resetHeader ? new Date(resetHeader) : null;
  noteBudget(
    url,
    numberOrNull(res.headers.get("x-ratelimit-remaining")),
    resetAt && !isNaN(resetAt.getTime()) ? resetAt : null,
  );
  if (res.status === 200) return { body: res.body, link: res.headers.get("link") };
  if (res.status === 429) throw rateLimited("mastodon", resetAt ?? new Date(Date.now() + 5 * 60_000));
  if (res.status >= 500) throw transient("mastodon", `HTTP ${res.status}`);
  const msg = (res.body as { error?: string } | null)?.error ?? `HTTP ${res.status}`;
  if (res.status === 401 || res.status === 403) throw authExpired("mastodon", msg);
  if (res.status === 404) throw notFound("mastodon", msg);
  throw malformed("mastodon", msg);
}

/** The max_id of the Link header's rel="next" page; no such link means the last page. */
function nextMaxId(link: string | null): string | undefined {
  const next = link?.split(",").find((part) => /rel="next"/.test(part));
  const url = next && /<([^>]+)>/.exec(next)?.[1];
  return url ? (new URL(url).searchParams.get("max_id") ?? undefined) : undefined;
}

async function accountId(ctx: ConnectorContext): Promise<string> {
  if (ctx.platformId) return ctx.platformId;
  const { body } = await api(ctx, "/accounts/lookup", { acct: ctx.handle });
  return parseBody("mastodon", AccountSchema, body, "accounts/lookup").id;
}

export const mastodon: Connector = {
  platform: "mastodon",
  backfillLimitDays: 365,

  async fetchAccountMetrics(ctx) {
    const { body } = await api(ctx, "/accounts/lookup", { acct: ctx.handle });
    const a = parseBody("mastodon", AccountSchema, body, "accounts/lookup");
    const gaps: MetricGap[] = [];
    for (const key of ["followers_count", "following_count", "statuses_count"] as const)
      if (a[key] === undefined) gaps.push({ metric: key, reason: "missing from the response" });
    return {
      platformId: a.id,
      displayName: a.display_name ?? null,
      followers: a.followers_count ?? null,
      following: a.following_count ?? null,
      postsCount: a.statuses_count ?? null,
      gaps,
    };
  },

  async fetchPostsPage(ctx, page, pageSize) {
    const id = await accountId(ctx);
    const { body, link } = await api(ctx, `/accounts/${id}/statuses`, {
      limit: Math.min(40, pageSize),
      max_id: page ?? undefined,
      exclude_reblogs: "true",
      exclude_replies: "true",
    });
    const statuses = parseBody("mastodon", z.array(StatusSchema), body, "accounts/:id/statuses");
    const posts = statuses
      .filter((s) => !s.reblog)
      .map((s) => ({
        platformPostId: s.id,
        publishedAt: new Date(s.created_at),
        text: htmlToText(s.content),
        permalink: s.url ?? null,
        impressions: null,
        likes: s.favourites_count ?? null,
        reposts: s.reblogs_count ?? null,
        replies: s.replies_count ?? null,
        quotes: s.quotes_count ?? null,
      }));
    const next = statuses.length ? (nextMaxId(link) ?? null) : null;
    return { posts, next, gaps: [] };
  },

  async fetchReplies(ctx, post) {
    const { body } = await api(ctx, `/statuses/${post.platformPostId}/context`, {});
    return parseBody("mastodon", ContextSchema, body, "statuses/:id/context").descendants.map((s) => ({
      platformReplyId: s.id,
      platformPostId: post.platformPostId,
      authorHandle: s.account.acct,
      authorDisplayName: null,
      text: htmlToText(s.content),
      publishedAt: new Date(s.created_at),
      permalink: s.url ?? null,
      language: s.language ?? null,
    }));
  },
};
