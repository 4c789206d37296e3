import type { Platform } from "@/lib/generated/prisma/client";

/** The platforms that have a collector (e-mail and push are manual channels). */
export type SocialPlatform = Extract<Platform, "twitter" | "facebook" | "youtube" | "flickr" | "bluesky" | "mastodon">;
export const SOCIAL_PLATFORMS: SocialPlatform[] = ["twitter", "facebook", "youtube", "flickr", "bluesky", "mastodon"];

/** How one account is reached: the API root (real or sandbox), its handle and its secret. */
export type ConnectorContext = {
  baseUrl: string;
  handle: string;
  platformId: string | null;
  /** Bearer token / API key / access token, as the platform needs; null for public APIs. */
  token: string | null;
  timeoutMs: number;
};

/** A metric the platform should have sent but did not (retired, renamed): recorded, never zero. */
export type MetricGap = { metric: string; reason: string };

export type AccountMetrics = {
  platformId: string;
  displayName: string | null;
  followers: number | null;
  following: number | null;
  postsCount: number | null;
  /** Per local day where the platform reports daily values (Facebook Insights). */
  daily?: { day: string; impressions?: number | null; reach?: number | null }[];
  gaps: MetricGap[];
};

export type PostData = {
  platformPostId: string;
  publishedAt: Date;
  text: string;
  permalink: string | null;
  impressions: number | null;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  quotes: number | null;
};

export type ReplyData = {
  platformReplyId: string;
  platformPostId: string;
  authorHandle: string;
  authorDisplayName: string | null;
  text: string;
  publishedAt: Date;
  permalink: string | null;
  language: string | null;
};

/** One page of an account's posts, newest first; `next` resumes the walk towards older posts. */
export type PostPage = { posts: PostData[]; next: string | null; gaps: MetricGap[] };

export type Connector = {
  platform: SocialPlatform;
  /** How far back the API lets a new account be backfilled, in days. */
  backfillLimitDays: number;
  fetchAccountMetrics(ctx: ConnectorContext, opts?: { since?: string; until?: string }): Promise<AccountMetrics>;
  /** Posts newest first, one page per call; `page` is null for the first page. */
  fetchPostsPage(ctx: ConnectorContext, page: string | null, pageSize: number): Promise<PostPage>;
  fetchReplies(ctx: ConnectorContext, post: { platformPostId: string; publishedAt: Date }): Promise<ReplyData[]>;
  /** Exchanges a refresh token for a new access token, where the platform has them. */
  refreshCredentials?(ctx: ConnectorContext, refreshToken: string): Promise<{ token: string; refreshToken?: string }>;
};
