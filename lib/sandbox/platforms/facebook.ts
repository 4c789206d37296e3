import type { PlatformHandler, PlatformRequest } from "../server";
import { addDays, localDay } from "@/lib/time";
import { account, findPost, offsetOf, token } from "./common";

const fbError = (status: number, code: number, message: string, subcode?: number) => ({
  status,
  body: {
    error: {
      message,
      type: "OAuthException",
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      fbtrace_id: "AsandboxTrace",
    },
  },
});

// Retired in Nov 2025 and with v26.0: asking for them is an invalid-metric error, as on the real Graph API.
const RETIRED = new Set([
  "page_fans",
  "page_impressions",
  "page_impressions_unique",
  "page_impressions_paid",
  "page_fan_adds",
  "post_impressions",
]);
const VALID = new Set(["page_media_view", "page_total_media_view_unique", "page_follows", "page_post_engagements"]);

function paged<T>(req: PlatformRequest, items: T[], fallback: number) {
  const size = req.pageSize(Number(req.query.get("limit")) || null, fallback, 100);
  const from = offsetOf(req.query.get("after"));
  const data = items.slice(from, from + size);
  const paging: Record<string, unknown> = { cursors: { before: token(from), after: token(from + data.length) } };
  if (from + size < items.length) {
    const next = new URL(`${req.origin}${req.path}`);
    req.query.forEach((v, k) => next.searchParams.set(k, v));
    next.searchParams.set("after", token(from + size));
    paging.next = next.toString();
  }
  return { data, paging };
}

export const facebook: PlatformHandler = {
  handle(req) {
    const parts = req.path.split("/").filter(Boolean);
    if (parts[0] !== "v25.0" && parts[0] !== "v26.0") return fbError(400, 2500, "Unknown path components");
    const [, objectId, edge] = parts;
    if (!objectId) return fbError(400, 100, "Missing object id");
    const page = account(req, "facebook", objectId);
    if (page && !edge) {
      return {
        status: 200,
        body: {
          id: page.id,
          name: page.displayName,
          followers_count: page.followers(req.now),
          fan_count: Math.round(page.followers(req.now) * 0.93),
        },
      };
    }
    if (page && edge === "insights") {
      const metrics = (req.query.get("metric") ?? "").split(",").filter(Boolean);
      if (metrics.length === 0) return fbError(400, 3001, "Invalid query", 1504028);
      const bad = metrics.find((m) => RETIRED.has(m) || !VALID.has(m));
      if (bad) return fbError(400, 100, "(#100) The value must be a valid insights metric");
      const until = req.query.get("until") ?? localDay(req.now, "UTC");
      const since = req.query.get("since") ?? addDays(until, -2);
      const days: string[] = [];
      for (let d = addDays(since, 1); d <= until && days.length < 90; d = addDays(d, 1)) days.push(d);
      // A retired metric fails the whole call, as on the Graph API (never a silently missing series).
      if (req.retired && metrics.includes("page_total_media_view_unique"))
        return fbError(400, 100, "(#100) The value must be a valid insights metric");
      const data = metrics.map((name) => ({
        name,
        period: "day",
        title: name,
        description: name,
        id: `${page.id}/insights/${name}/day`,
        values: days.map((d) => ({
          value: name === "page_follows" ? page.followers(req.now) : dailyValue(page.id + name, d),
          end_time: `${d}T08:00:00+0000`,
        })),
      }));
      return { status: 200, body: { data, paging: {} } };
    }
    if (page && (edge === "posts" || edge === "published_posts")) {
      const posts = page.posts(req.now).map((p) => ({
        id: p.id,
        message: p.text,
        created_time: p.publishedAt
          .toISOString()
          .replace("Z", "+0000")
          .replace(/\.\d{3}/, ""),
        permalink_url: `https://www.facebook.com/${page.handle}/posts/${p.id}`,
        shares: { count: p.reposts },
        reactions: { data: [], summary: { total_count: p.likes } },
        comments: {
          data: [],
          summary: {
            total_count: p.replies.filter((r) => r.publishedAt <= req.now).length,
            order: "ranked",
            can_comment: true,
          },
        },
      }));
      return { status: 200, body: paged(req, posts, 25) };
    }
    if (edge === "comments") {
      const found = findPost(req, "facebook", objectId);
      if (!found) return fbError(400, 100, `(#100) Object with ID '${objectId}' does not exist`);
      const comments = found.post.replies.map((r) => ({
        id: r.id,
        message: r.text,
        created_time: r.publishedAt
          .toISOString()
          .replace("Z", "+0000")
          .replace(/\.\d{3}/, ""),
        from: { id: `fb-${r.author}`, name: r.authorName || r.author },
        like_count: 0,
        comment_count: 0,
      }));
      return { status: 200, body: paged(req, comments, 25) };
    }
    return fbError(400, 100, `(#100) Unsupported get request. Object with ID '${objectId}' does not exist`);
  },
  // Calls with a Page token count against the Page's Business Use Case budget: X-Business-Use-Case-Usage,
  // keyed by Page id (X-App-Usage is for app and user tokens, which the collector does not use).
  rateLimitHeaders: (limit, remaining, resetAt, _windowMs, path) =>
    buc(path, Math.round((100 * (limit - remaining)) / limit), remaining > 0 ? 0 : minutesUntil(resetAt)),
  rateLimited: (resetAt, _headers, path) => ({
    ...fbError(400, 32, "(#32) Page request limit reached"),
    headers: buc(path, 100, minutesUntil(resetAt)),
  }),
  expiredToken: () =>
    fbError(400, 190, "Error validating access token: Session has expired on Saturday, 24-Mar-18 05:00:00 PDT.", 463),
  quota: (resetAt, path) => ({
    ...fbError(400, 80001, "(#80001) There have been too many calls to this Page account. Wait a bit and try again."),
    headers: buc(path, 100, minutesUntil(resetAt)),
  }),
  serverError: () => ({
    status: 500,
    body: {
      error: {
        message: "An unknown error has occurred.",
        type: "OAuthException",
        code: 1,
        is_transient: true,
        fbtrace_id: "AsandboxTrace",
      },
    },
  }),
};

const minutesUntil = (at: Date) => Math.max(1, Math.ceil((at.getTime() - Date.now()) / 60_000));

function buc(path: string, pct: number, minutes: number): Record<string, string> {
  const objectId = path.split("/")[2] ?? "";
  const pageId = /^\d+_\d+$/.test(objectId) ? objectId.split("_")[0]! : objectId;
  return {
    "x-business-use-case-usage": JSON.stringify({
      [pageId]: [
        {
          type: "pages",
          call_count: pct,
          total_cputime: Math.min(pct, 5),
          total_time: Math.min(pct, 5),
          estimated_time_to_regain_access: minutes,
        },
      ],
    }),
  };
}

function dailyValue(seed: string, day: string): number {
  let h = 0;
  for (const c of seed + day) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 800 + (h % 4000);
}
