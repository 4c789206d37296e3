import { z } from "zod";
import { authExpired, malformed, notFound, PlatformError, quotaExceeded, rateLimited, transient } from "../errors";
import { getJson, noteBudget, parseBody, withQuery } from "../http";
import type { Connector, ConnectorContext, MetricGap, ReplyData } from "../types";
import { addDays, localDay } from "@/lib/time";

export const FACEBOOK_API = "https://graph.facebook.com";
const VERSION = "v25.0";

// Valid in 2026 after Meta's 2025–2026 retirements (page_impressions → page_media_view,
// page_impressions_unique → page_total_media_view_unique, page_fans → page_follows).
export const PAGE_METRICS = ["page_media_view", "page_total_media_view_unique"] as const;

const ErrorSchema = z.object({
  error: z.object({ message: z.string(), code: z.number(), error_subcode: z.number().optional() }),
});
const PageSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  followers_count: z.number().int().optional(),
  fan_count: z.number().int().optional(),
});
const InsightsSchema = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      period: z.string(),
      values: z.array(
        z.object({ value: z.union([z.number(), z.record(z.string(), z.number())]), end_time: z.string() }),
      ),
    }),
  ),
});
const PagingSchema = z
  .object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() })
  .optional();
const PostsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      message: z.string().optional(),
      created_time: z.string(),
      permalink_url: z.string().optional(),
      shares: z.object({ count: z.number().int() }).optional(),
      reactions: z.object({ summary: z.object({ total_count: z.number().int() }) }).optional(),
      comments: z.object({ summary: z.object({ total_count: z.number().int() }) }).optional(),
    }),
  ),
  paging: PagingSchema,
});
const CommentsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      message: z.string().optional(),
      created_time: z.string(),
      from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
    }),
  ),
  paging: PagingSchema,
});

const fbDate = (s: string) => new Date(s.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));

const UsageSchema = z.record(z.string(), z.number());
const BucSchema = z.record(
  z.string(),
  z.array(
    z.object({
      call_count: z.number().optional(),
      total_time: z.number().optional(),
      total_cputime: z.number().optional(),
      estimated_time_to_regain_access: z.number().optional(),
    }),
  ),
);
const json = (header: string | null): unknown => {
  try {
    return header ? JSON.parse(header) : null;
  } catch {
    return null;
  }
};

// :TRICKY: Graph API limits have two scopes: the app (X-App-Usage; error codes 4 and 17) and each
// Page (X-Business-Use-Case-Usage keyed by Page id; codes 32, 613, 80001). A throttled Page is not
// called again before its estimated time, by any collection in this process; an app limit stops all.
const appScope = (url: string) => `${new URL(url).origin}/app`;
const pageScope = (url: string, pageId: string) => `${new URL(url).origin}/page/${pageId}`;
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000 + 1_000);
const APP_LIMIT_MINUTES = 60;

/** Reads both usage headers; returns when each throttled scope may be called again. */
function noteUsage(url: string, headers: Headers): Map<string, Date> {
  const blocked = new Map<string, Date>();
  const app = UsageSchema.safeParse(json(headers.get("x-app-usage")));
  if (app.success && Math.max(0, ...Object.values(app.data)) >= 100)
    blocked.set(appScope(url), minutesFromNow(APP_LIMIT_MINUTES));
  const buc = BucSchema.safeParse(json(headers.get("x-business-use-case-usage")));
  if (buc.success) {
    for (const [pageId, entries] of Object.entries(buc.data)) {
      const minutes = Math.max(0, ...entries.map((e) => e.estimated_time_to_regain_access ?? 0));
      const full = entries.some((e) => Math.max(e.call_count ?? 0, e.total_time ?? 0, e.total_cputime ?? 0) >= 100);
      if (minutes > 0 || full)
        blocked.set(pageScope(url, pageId), minutesFromNow(minutes > 0 ? minutes : APP_LIMIT_MINUTES));
    }
  }
  for (const [scope, until] of blocked) noteBudget(url, 0, until, scope);
  return blocked;
}

async function graph(ctx: ConnectorContext, path: string, query: Record<string, string | number | undefined>) {
  const url = withQuery(ctx.baseUrl, `/${VERSION}${path}`, query);
  // A Page's posts and comments have ids "<page>_<post>": they fall under the Page's own budget.
  const objectId = path.split("/")[1]!;
  const pageId = /^\d+_\d+$/.test(objectId) ? objectId.split("_")[0]! : objectId;
  const scopes = [appScope(url), pageScope(url, pageId)];
  const res = await getJson("facebook", url, {
    timeoutMs: ctx.timeoutMs,
    headers: ctx.token ? { authorization: `Bearer ${ctx.token}` } : {},
    budgets: scopes,
  });
  const blocked = noteUsage(url, res.headers);
  if (res.status === 200) return res.body;
  // :TRICKY: Graph API statuses vary for the same error (400/403); branch on error.code.
  const err = ErrorSchema.safeParse(res.body);
  if (!err.success)
    throw res.status >= 500
      ? transient("facebook", `HTTP ${res.status}`)
      : malformed("facebook", `HTTP ${res.status} without an error object`);
  const { code, message } = err.data.error;
  if (code === 190 || code === 102) throw authExpired("facebook", message);
  if ([4, 17, 32, 613, 80001].includes(code)) {
    const scope = code === 4 || code === 17 ? appScope(url) : pageScope(url, pageId);
    const resetAt = blocked.size
      ? new Date(Math.max(...[...blocked.values()].map((d) => d.getTime())))
      : minutesFromNow(APP_LIMIT_MINUTES);
    noteBudget(url, 0, resetAt, scope);
    throw code === 80001 ? quotaExceeded("facebook", resetAt) : rateLimited("facebook", resetAt);
  }
  if (res.status >= 500 || code === 1 || code === 2) throw transient("facebook", `${message} (code ${code})`);
  if (code === 100 && /does not exist/.test(message)) throw notFound("facebook", message);
  throw new GraphError(`${message} (code ${code})`, code, message);
}

/** An answer the Graph API gave as an error that the caller may read as data (an invalid metric). */
class GraphError extends PlatformError {
  constructor(
    detail: string,
    readonly code: number,
    readonly graphMessage: string,
  ) {
    super(`facebook: malformed response (${detail})`, "malformed");
  }
}
const isInvalidMetric = (e: unknown): e is GraphError =>
  e instanceof GraphError && e.code === 100 && /valid insights metric/i.test(e.graphMessage);

/**
 * Page Insights for the metrics still valid. The Graph API rejects the whole call when one metric
 * has been retired (code 100 "must be a valid insights metric"); then each metric is asked alone,
 * and a rejected one becomes a gap (a series break), never a zero, while the others are kept.
 */
async function insights(ctx: ConnectorContext, pageId: string, query: Record<string, string>, gaps: MetricGap[]) {
  const ask = async (metrics: readonly string[]) =>
    parseBody(
      "facebook",
      InsightsSchema,
      await graph(ctx, `/${pageId}/insights`, { metric: metrics.join(","), ...query }),
      "insights",
    ).data;
  try {
    return await ask(PAGE_METRICS);
  } catch (error) {
    if (!isInvalidMetric(error)) throw error;
  }
  const data: z.infer<typeof InsightsSchema>["data"] = [];
  for (const metric of PAGE_METRICS) {
    try {
      data.push(...(await ask([metric])));
    } catch (error) {
      if (!isInvalidMetric(error)) throw error;
      gaps.push({ metric: `insights.${metric}`, reason: `rejected by the Graph API: ${error.graphMessage}` });
    }
  }
  return data;
}

export const facebook: Connector = {
  platform: "facebook",
  // Page Insights keep two years of daily values; posts reach back further.
  backfillLimitDays: 90,

  async fetchAccountMetrics(ctx, opts) {
    const id = ctx.platformId ?? ctx.handle;
    const page = parseBody(
      "facebook",
      PageSchema,
      await graph(ctx, `/${id}`, { fields: "id,name,followers_count,fan_count" }),
      "page",
    );
    const gaps: MetricGap[] = [];
    if (page.followers_count === undefined)
      gaps.push({ metric: "followers_count", reason: "missing from the response" });
    const until = opts?.until ?? localDay(new Date(), "UTC");
    const since = opts?.since ?? addDays(until, -3);
    const data = await insights(ctx, page.id, { period: "day", since, until }, gaps);
    const byDay = new Map<string, { day: string; impressions?: number | null; reach?: number | null }>();
    for (const name of PAGE_METRICS) {
      const series = data.find((d) => d.name === name);
      if (!series) {
        if (gaps.some((g) => g.metric === `insights.${name}`)) continue;
        gaps.push({ metric: `insights.${name}`, reason: "missing from the response (retired or renamed?)" });
        continue;
      }
      for (const v of series.values) {
        // end_time is the end of the reported day: the day itself is the one before.
        const day = addDays(v.end_time.slice(0, 10), -1);
        const value = typeof v.value === "number" ? v.value : Object.values(v.value).reduce((a, b) => a + b, 0);
        const row = byDay.get(day) ?? { day };
        if (name === "page_media_view") row.impressions = value;
        else row.reach = value;
        byDay.set(day, row);
      }
    }
    return {
      platformId: page.id,
      displayName: page.name ?? null,
      followers: page.followers_count ?? null,
      following: null,
      postsCount: null,
      daily: [...byDay.values()],
      gaps,
    };
  },

  async fetchPostsPage(ctx, page, pageSize) {
    const id = ctx.platformId ?? ctx.handle;
    const fields =
      "id,message,created_time,permalink_url,shares,reactions.summary(total_count).limit(0),comments.summary(true).limit(0)";
    const body = parseBody(
      "facebook",
      PostsSchema,
      await graph(ctx, `/${id}/posts`, { fields, limit: Math.min(100, pageSize), after: page ?? undefined }),
      "posts",
    );
    const gaps: MetricGap[] = [];
    const posts = body.data.map((p) => ({
      platformPostId: p.id,
      publishedAt: fbDate(p.created_time),
      text: p.message ?? "",
      permalink: p.permalink_url ?? null,
      // post_impressions was retired in 2025; post_media_view needs a per-post insights call (not collected yet).
      impressions: null,
      likes: p.reactions?.summary.total_count ?? null,
      reposts: p.shares?.count ?? null,
      replies: p.comments?.summary.total_count ?? null,
      quotes: null,
    }));
    return { posts, next: body.paging?.next ? (body.paging.cursors?.after ?? null) : null, gaps };
  },

  async fetchReplies(ctx, post) {
    const out: ReplyData[] = [];
    let after: string | undefined;
    do {
      const body = parseBody(
        "facebook",
        CommentsSchema,
        await graph(ctx, `/${post.platformPostId}/comments`, {
          filter: "stream",
          order: "chronological",
          fields: "id,message,created_time,from",
          limit: 100,
          after,
        }),
        "comments",
      );
      for (const c of body.data) {
        out.push({
          platformReplyId: c.id,
          platformPostId: post.platformPostId,
          authorHandle: c.from?.id ?? "unknown",
          authorDisplayName: null,
          text: c.message ?? "",
          publishedAt: fbDate(c.created_time),
          permalink: null,
          language: null,
        });
      }
      after = body.paging?.next ? body.paging.cursors?.after : undefined;
    } while (after);
    return out;
  },
};
