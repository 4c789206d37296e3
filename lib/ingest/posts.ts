import type { Db } from "@/lib/db/client";
import { bulkUpsert, type Column } from "./bulk";
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

const BATCH = 10_000;
const COLUMNS: Column[] = [
  { name: "agency_id", type: "uuid" },
  { name: "account_id", type: "uuid" },
  { name: "platform_post_id", type: "text" },
  { name: "published_at", type: "timestamptz" },
  { name: "text", type: "text" },
  { name: "permalink", type: "text" },
  { name: "impressions", type: "int" },
  { name: "likes", type: "int" },
  { name: "reposts", type: "int" },
  { name: "replies", type: "int" },
  { name: "quotes", type: "int" },
  { name: "metrics_collected_at", type: "timestamptz" },
];

const upsert = (source: string) => `
  INSERT INTO post AS p (agency_id, account_id, platform_post_id, published_at, text, permalink,
                         impressions, likes, reposts, replies, quotes, metrics_collected_at)
  SELECT agency_id, account_id, platform_post_id, published_at, text, permalink,
         impressions, likes, reposts, replies, quotes, metrics_collected_at
  FROM ${source}
  ON CONFLICT (agency_id, account_id, platform_post_id) DO UPDATE SET
    text        = EXCLUDED.text,
    permalink   = COALESCE(EXCLUDED.permalink, p.permalink),
    impressions = COALESCE(EXCLUDED.impressions, p.impressions),
    likes       = COALESCE(EXCLUDED.likes, p.likes),
    reposts     = COALESCE(EXCLUDED.reposts, p.reposts),
    replies     = COALESCE(EXCLUDED.replies, p.replies),
    quotes      = COALESCE(EXCLUDED.quotes, p.quotes),
    metrics_collected_at = GREATEST(EXCLUDED.metrics_collected_at, p.metrics_collected_at)`;

/** Upserts posts by (agency, account, platform id). Newer metrics replace older ones; unknowns keep what is stored. */
export async function upsertPosts(db: Db, rows: PostInput[]): Promise<number> {
  const unique = mergePerKey(rows, (r) => `${r.agencyId}|${r.accountId}|${r.platformPostId}`);
  let written = 0;
  for (let i = 0; i < unique.length; i += BATCH) {
    const cells = unique
      .slice(i, i + BATCH)
      .map((r) => [
        r.agencyId,
        r.accountId,
        r.platformPostId,
        r.publishedAt.toISOString(),
        r.text,
        r.permalink ?? null,
        r.impressions ?? null,
        r.likes ?? null,
        r.reposts ?? null,
        r.replies ?? null,
        r.quotes ?? null,
        r.metricsCollectedAt?.toISOString() ?? null,
      ]);
    written += await bulkUpsert(db, "post", COLUMNS, cells, upsert, { direct: true });
  }
  return written;
}
