import { z } from "zod";
import { authExpired, malformed, notFound, quotaExceeded, rateLimited, transient } from "../errors";
import { getJson, numberOrNull, parseBody, withQuery } from "../http";
import type { Connector, ConnectorContext, MetricGap, ReplyData } from "../types";
import { addDays, localDay, localTimeToInstant } from "@/lib/time";

export const YOUTUBE_API = "https://www.googleapis.com";

const ErrorSchema = z.object({
  error: z.object({
    code: z.number(),
    message: z.string().default(""),
    errors: z.array(z.object({ reason: z.string() })).optional(),
  }),
});
const count = z.string().regex(/^\d+$/);
const ChannelsSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        snippet: z.object({ title: z.string() }).optional(),
        statistics: z.object({
          viewCount: count.optional(),
          subscriberCount: count.optional(),
          hiddenSubscriberCount: z.boolean(),
          videoCount: count.optional(),
        }),
        contentDetails: z.object({ relatedPlaylists: z.object({ uploads: z.string() }) }).optional(),
      }),
    )
    .optional(),
});
const PlaylistSchema = z.object({
  items: z.array(
    z.object({
      snippet: z.object({ title: z.string(), publishedAt: z.string() }),
      contentDetails: z.object({ videoId: z.string(), videoPublishedAt: z.string().optional() }),
    }),
  ),
  nextPageToken: z.string().optional(),
});
const VideosSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      statistics: z.object({
        viewCount: count.optional(),
        likeCount: count.optional(),
        commentCount: count.optional(),
      }),
    }),
  ),
});
const ThreadsSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      snippet: z.object({
        topLevelComment: z.object({
          id: z.string(),
          snippet: z.object({
            authorDisplayName: z.string(),
            authorChannelId: z.object({ value: z.string() }).optional(),
            textOriginal: z.string(),
            publishedAt: z.string(),
          }),
        }),
      }),
    }),
  ),
  nextPageToken: z.string().optional(),
});

/** The Data API's daily quota resets at midnight Pacific time. */
function nextPacificMidnight(): Date {
  const tz = "America/Los_Angeles";
  return localTimeToInstant(addDays(localDay(new Date(), tz), 1), 0, 0, tz);
}

// :TRICKY: with an API key (?key=) a revoked or invalid key is a 400 keyInvalid (domain
// usageLimits), not the 401 an OAuth call gets.
const CREDENTIAL_REASONS = new Set(["keyInvalid", "keyExpired", "forbidden"]);

/** A Data API call; an error whose reason is in `meaning` is an answer (returned), not a failure. */
async function api(
  ctx: ConnectorContext,
  path: string,
  query: Record<string, string | number | undefined>,
  meaning: string[] = [],
): Promise<unknown> {
  // An OAuth access token (Google's start "ya29.", the sandbox's "sbx-") goes in the header; an API key in `key`.
  const oauth = !!ctx.token && /^(ya29\.|sbx-)/.test(ctx.token);
  const url = withQuery(ctx.baseUrl, `/youtube/v3${path}`, {
    ...query,
    key: oauth ? undefined : (ctx.token ?? undefined),
  });
  const res = await getJson("youtube", url, {
    timeoutMs: ctx.timeoutMs,
    headers: oauth ? { authorization: `Bearer ${ctx.token}` } : {},
  });
  if (res.status === 200) return res.body;
  const err = ErrorSchema.safeParse(res.body);
  const reason = err.success ? (err.data.error.errors?.[0]?.reason ?? "") : "";
  if (res.status >= 500) throw transient("youtube", `HTTP ${res.status} ${reason}`);
  if (!err.success) throw malformed("youtube", `HTTP ${res.status} without an error object`);
  if (meaning.includes(reason)) return null;
  if (res.status === 401 || CREDENTIAL_REASONS.has(reason))
    throw authExpired("youtube", `${err.data.error.message} (${reason || res.status})`);
  if (reason === "quotaExceeded" || reason === "dailyLimitExceeded")
    throw quotaExceeded("youtube", nextPacificMidnight());
  if (res.status === 429 || reason === "rateLimitExceeded" || reason === "userRateLimitExceeded") {
    const after = numberOrNull(res.headers.get("retry-after")) ?? 60;
    throw rateLimited("youtube", new Date(Date.now() + after * 1000));
  }
  if (res.status === 404) throw notFound("youtube", err.data.error.message);
  throw malformed("youtube", `${err.data.error.message} (${reason})`);
}

async function channel(ctx: ConnectorContext) {
  const query = ctx.platformId ? { id: ctx.platformId } : { forHandle: `@${ctx.handle.replace(/^@/, "")}` };
  const body = parseBody(
    "youtube",
    ChannelsSchema,
    await api(ctx, "/channels", { part: "snippet,statistics,contentDetails", ...query }),
    "channels",
  );
  const item = body.items?.[0];
  if (!item) throw notFound("youtube", `channel ${ctx.handle} not found`);
  return item;
}

// The uploads playlist of the channel a collection (one context) already read: its pages need no
// further /channels call (35 → 32 calls for an account of 25 videos, ~10 % of the budget).
const uploadsOf = new WeakMap<ConnectorContext, string>();

export const youtube: Connector = {
  platform: "youtube",
  // The uploads playlist lists every video ever published.
  backfillLimitDays: 365,

  async fetchAccountMetrics(ctx) {
    const c = await channel(ctx);
    if (c.contentDetails?.relatedPlaylists.uploads) uploadsOf.set(ctx, c.contentDetails.relatedPlaylists.uploads);
    const gaps: MetricGap[] = [];
    // A hidden subscriber count is a gap, never a zero.
    if (c.statistics.hiddenSubscriberCount)
      gaps.push({ metric: "statistics.subscriberCount", reason: "hidden by the channel" });
    else if (c.statistics.subscriberCount === undefined)
      gaps.push({ metric: "statistics.subscriberCount", reason: "missing from the response" });
    return {
      platformId: c.id,
      displayName: c.snippet?.title ?? null,
      followers: numberOrNull(c.statistics.subscriberCount),
      following: null,
      postsCount: numberOrNull(c.statistics.videoCount),
      gaps,
    };
  },

  async fetchPostsPage(ctx, page, pageSize) {
    let uploads = uploadsOf.get(ctx);
    if (!uploads) {
      uploads = (await channel(ctx)).contentDetails?.relatedPlaylists.uploads;
      if (uploads) uploadsOf.set(ctx, uploads);
    }
    if (!uploads) throw malformed("youtube", "channels: contentDetails.relatedPlaylists.uploads missing");
    const body = parseBody(
      "youtube",
      PlaylistSchema,
      await api(ctx, "/playlistItems", {
        part: "snippet,contentDetails",
        playlistId: uploads,
        maxResults: Math.min(50, pageSize),
        pageToken: page ?? undefined,
      }),
      "playlistItems",
    );
    // A private video is listed ("Private video") without videoPublishedAt; nobody can see it, so it is no post.
    const items = body.items.filter((i) => i.contentDetails.videoPublishedAt);
    const ids = items.map((i) => i.contentDetails.videoId);
    const stats = ids.length
      ? parseBody(
          "youtube",
          VideosSchema,
          await api(ctx, "/videos", { part: "statistics", id: ids.join(",") }),
          "videos",
        )
      : { items: [] };
    const byId = new Map(stats.items.map((v) => [v.id, v.statistics]));
    const posts = items.map((i) => {
      const s = byId.get(i.contentDetails.videoId);
      return {
        platformPostId: i.contentDetails.videoId,
        publishedAt: new Date(i.contentDetails.videoPublishedAt!),
        text: i.snippet.title,
        permalink: `https://www.youtube.com/watch?v=${i.contentDetails.videoId}`,
        impressions: numberOrNull(s?.viewCount),
        likes: numberOrNull(s?.likeCount),
        reposts: null,
        replies: numberOrNull(s?.commentCount),
        quotes: null,
      };
    });
    return { posts, next: body.nextPageToken ?? null, gaps: [] };
  },

  async fetchReplies(ctx, post) {
    const out: ReplyData[] = [];
    let pageToken: string | undefined;
    do {
      const answer = await api(
        ctx,
        "/commentThreads",
        { part: "snippet", videoId: post.platformPostId, maxResults: 100, textFormat: "plainText", pageToken },
        ["commentsDisabled"],
      );
      // Comments turned off on this video: it has no replies, which is no failure of the account.
      if (answer === null) return out;
      const body = parseBody("youtube", ThreadsSchema, answer, "commentThreads");
      for (const t of body.items) {
        const s = t.snippet.topLevelComment.snippet;
        out.push({
          platformReplyId: t.id,
          platformPostId: post.platformPostId,
          authorHandle: s.authorChannelId?.value ?? s.authorDisplayName,
          authorDisplayName: null,
          text: s.textOriginal,
          publishedAt: new Date(s.publishedAt),
          permalink: `https://www.youtube.com/watch?v=${post.platformPostId}&lc=${t.id}`,
          language: null,
        });
      }
      pageToken = body.nextPageToken;
    } while (pageToken);
    return out;
  },
};
