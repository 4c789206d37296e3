import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { mergePerKey } from "./dedupe";

export type PostInput = {
  agencyId: string;
  accountId: string;
  platformPostId: string;
  publishedAt: Date;
  text: string;
  permalink?: string | null;
  impressions?: number | null;
  likes?: number | null;
  reposts?: number | null;
  replies?: number | null;
  quotes?: number | null;
  /** When the metrics above were read; null when the post was seen without metrics. */
  metricsCollectedAt?: Date | null;
};

const BATCH = 2_000;

/** Upserts posts by (agency, account, platform id). Newer metrics replace older ones; unknowns keep what is stored. */
export async function upsertPosts(db: Db, rows: PostInput[]): Promise<number> {
  const unique = mergePerKey(rows, (r) => `${r.agencyId}|${r.accountId}|${r.platformPostId}`);
  let written = 0;
  for (let i = 0; i < unique.length; i += BATCH) {
    const b = unique.slice(i, i + BATCH);
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
