/**
 * The collectors' upserts as they were before the COPY path (Prisma `$executeRaw` of `unnest`
 * arrays, a merged object per row): the reference that tests/integration/ingest-bulk.test.ts
 * compares the faster path with, row for row.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { pseudonymise } from "@/lib/crypto";
import type { DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import type { PostInput } from "@/lib/ingest/posts";
import type { ReplyInput } from "@/lib/ingest/replies";

function mergePerKey<T extends object>(rows: T[], key: (row: T) => string): T[] {
  const merged = new Map<string, T>();
  for (const row of rows) {
    const k = key(row);
    const known = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined));
    merged.set(k, { ...(merged.get(k) ?? row), ...known } as T);
  }
  return [...merged.values()];
}

export const METRICS_UPSERTDAILYMETRICS = [
  "followers",
  "following",
  "postsPublished",
  "impressions",
  "reach",
  "engagements",
  "repliesReceived",
] as const;

const BATCH_UPSERTDAILYMETRICS = 5_000;

export async function referenceUpsertDailyMetrics(db: Db, rows: DailyMetricInput[]): Promise<number> {
  const unique = mergePerKey(rows, (r) => `${r.agencyId}|${r.accountId}|${r.day}`);
  let written = 0;
  for (let i = 0; i < unique.length; i += BATCH_UPSERTDAILYMETRICS) {
    const batch = unique.slice(i, i + BATCH_UPSERTDAILYMETRICS);
    const col = (key: (typeof METRICS_UPSERTDAILYMETRICS)[number]) => batch.map((r) => r[key] ?? null);
    written += await db.$executeRaw(Prisma.sql`
      INSERT INTO account_daily_metric AS m
        (agency_id, account_id, day, followers, following, posts_published, impressions, reach, engagements, replies_received, collected_at)
      SELECT agency_id, account_id, day, followers, following, posts_published, impressions, reach, engagements, replies_received, now()
      FROM unnest(
        ${batch.map((r) => r.agencyId)}::uuid[], ${batch.map((r) => r.accountId)}::uuid[], ${batch.map((r) => r.day)}::date[],
        ${col("followers")}::int[], ${col("following")}::int[], ${col("postsPublished")}::int[], ${col("impressions")}::int[],
        ${col("reach")}::int[], ${col("engagements")}::int[], ${col("repliesReceived")}::int[]
      ) AS t(agency_id, account_id, day, followers, following, posts_published, impressions, reach, engagements, replies_received)
      ON CONFLICT (agency_id, account_id, day) DO UPDATE SET
        followers        = COALESCE(EXCLUDED.followers, m.followers),
        following        = COALESCE(EXCLUDED.following, m.following),
        posts_published  = COALESCE(EXCLUDED.posts_published, m.posts_published),
        impressions      = COALESCE(EXCLUDED.impressions, m.impressions),
        reach            = COALESCE(EXCLUDED.reach, m.reach),
        engagements      = COALESCE(EXCLUDED.engagements, m.engagements),
        replies_received = COALESCE(EXCLUDED.replies_received, m.replies_received),
        collected_at     = now()`);
  }
  return written;
}

const BATCH_UPSERTPOSTS = 2_000;

export async function referenceUpsertPosts(db: Db, rows: PostInput[]): Promise<number> {
  const unique = mergePerKey(rows, (r) => `${r.agencyId}|${r.accountId}|${r.platformPostId}`);
  let written = 0;
  for (let i = 0; i < unique.length; i += BATCH_UPSERTPOSTS) {
    const b = unique.slice(i, i + BATCH_UPSERTPOSTS);
    const n = (f: (r: PostInput) => number | null | undefined) => b.map((r) => f(r) ?? null);
    written += await db.$executeRaw(Prisma.sql`
      INSERT INTO post AS p (agency_id, account_id, platform_post_id, published_at, text, permalink,
                             impressions, likes, reposts, replies, quotes, metrics_collected_at)
      SELECT * FROM unnest(
        ${b.map((r) => r.agencyId)}::uuid[], ${b.map((r) => r.accountId)}::uuid[], ${b.map((r) => r.platformPostId)}::text[],
        ${b.map((r) => r.publishedAt.toISOString())}::timestamptz[], ${b.map((r) => r.text)}::text[],
        ${b.map((r) => r.permalink ?? null)}::text[],
        ${n((r) => r.impressions)}::int[], ${n((r) => r.likes)}::int[], ${n((r) => r.reposts)}::int[],
        ${n((r) => r.replies)}::int[], ${n((r) => r.quotes)}::int[],
        ${b.map((r) => r.metricsCollectedAt?.toISOString() ?? null)}::timestamptz[])
      ON CONFLICT (agency_id, account_id, platform_post_id) DO UPDATE SET
        text        = EXCLUDED.text,
        permalink   = COALESCE(EXCLUDED.permalink, p.permalink),
        impressions = COALESCE(EXCLUDED.impressions, p.impressions),
        likes       = COALESCE(EXCLUDED.likes, p.likes),
        reposts     = COALESCE(EXCLUDED.reposts, p.reposts),
        replies     = COALESCE(EXCLUDED.replies, p.replies),
        quotes      = COALESCE(EXCLUDED.quotes, p.quotes),
        metrics_collected_at = GREATEST(EXCLUDED.metrics_collected_at, p.metrics_collected_at)`);
  }
  return written;
}

const BATCH_UPSERTREPLIES = 2_000;

export async function referenceUpsertReplies(db: Db, rows: ReplyInput[], pseudonymisationKey: string): Promise<number> {
  const unique = mergePerKey(rows, (r) => `${r.agencyId}|${r.accountId}|${r.platformReplyId}`);
  let written = 0;
  for (let i = 0; i < unique.length; i += BATCH_UPSERTREPLIES) {
    const b = unique.slice(i, i + BATCH_UPSERTREPLIES);
    written += await db.$executeRaw(Prisma.sql`
      INSERT INTO reply AS r (agency_id, account_id, post_id, platform_reply_id, author_hash, author_display_name,
                              text, published_at, permalink, language)
      SELECT t.agency_id, t.account_id, p.id, t.platform_reply_id, t.author_hash, t.author_display_name,
             t.text, t.published_at, t.permalink, t.language
      FROM unnest(
        ${b.map((r) => r.agencyId)}::uuid[], ${b.map((r) => r.accountId)}::uuid[], ${b.map((r) => r.platformPostId ?? null)}::text[],
        ${b.map((r) => r.platformReplyId)}::text[], ${b.map((r) => pseudonymise(r.authorHandle, pseudonymisationKey))}::text[],
        ${b.map((r) => r.authorDisplayName ?? null)}::text[], ${b.map((r) => r.text)}::text[],
        ${b.map((r) => r.publishedAt.toISOString())}::timestamptz[], ${b.map((r) => r.permalink ?? null)}::text[],
        ${b.map((r) => r.language ?? null)}::text[]
      ) AS t(agency_id, account_id, platform_post_id, platform_reply_id, author_hash, author_display_name,
             text, published_at, permalink, language)
      LEFT JOIN post p ON p.agency_id = t.agency_id AND p.account_id = t.account_id AND p.platform_post_id = t.platform_post_id
      ON CONFLICT (agency_id, account_id, platform_reply_id) DO UPDATE SET
        post_id  = COALESCE(EXCLUDED.post_id, r.post_id),
        text     = EXCLUDED.text,
        language = COALESCE(EXCLUDED.language, r.language)`);
  }
  return written;
}
