import type { Db } from "@/lib/db/client";
import { bulkUpsert, type Column } from "./bulk";
import { mergePerKey } from "./dedupe";
import type { Day } from "@/lib/time";

/** What one collection knows about one account on one local day. Absent or null = unknown. */
export type DailyMetricInput = {
  agencyId: string;
  accountId: string;
  day: Day;
  followers?: number | null;
  following?: number | null;
  postsPublished?: number | null;
  impressions?: number | null;
  reach?: number | null;
  engagements?: number | null;
  repliesReceived?: number | null;
};

const BATCH = 20_000;
const COLUMNS: Column[] = [
  { name: "agency_id", type: "uuid" },
  { name: "account_id", type: "uuid" },
  { name: "day", type: "date" },
  { name: "followers", type: "int" },
  { name: "following", type: "int" },
  { name: "posts_published", type: "int" },
  { name: "impressions", type: "int" },
  { name: "reach", type: "int" },
  { name: "engagements", type: "int" },
  { name: "replies_received", type: "int" },
];

const upsert = (source: string) => `
  INSERT INTO account_daily_metric AS m
    (agency_id, account_id, day, followers, following, posts_published, impressions, reach, engagements, replies_received, collected_at)
  SELECT agency_id, account_id, day, followers, following, posts_published, impressions, reach, engagements, replies_received, now()
  FROM ${source}
  ON CONFLICT (agency_id, account_id, day) DO UPDATE SET
    followers        = COALESCE(EXCLUDED.followers, m.followers),
    following        = COALESCE(EXCLUDED.following, m.following),
    posts_published  = COALESCE(EXCLUDED.posts_published, m.posts_published),
    impressions      = COALESCE(EXCLUDED.impressions, m.impressions),
    reach            = COALESCE(EXCLUDED.reach, m.reach),
    engagements      = COALESCE(EXCLUDED.engagements, m.engagements),
    replies_received = COALESCE(EXCLUDED.replies_received, m.replies_received),
    collected_at     = now()
  WHERE (m.followers, m.following, m.posts_published, m.impressions, m.reach, m.engagements, m.replies_received)
    IS DISTINCT FROM (COALESCE(EXCLUDED.followers, m.followers), COALESCE(EXCLUDED.following, m.following),
      COALESCE(EXCLUDED.posts_published, m.posts_published), COALESCE(EXCLUDED.impressions, m.impressions),
      COALESCE(EXCLUDED.reach, m.reach), COALESCE(EXCLUDED.engagements, m.engagements), COALESCE(EXCLUDED.replies_received, m.replies_received))`;

/**
 * Upserts daily rollup rows, one per (agency, account, day). Collecting several times a day
 * overwrites the day's values with the newest known ones; an unknown (null) value never erases a
 * known one, and never becomes zero. A re-collected row whose values are unchanged is not
 * rewritten (collected_at is when its values were last written). Returns the rows upserted.
 */
export async function upsertDailyMetrics(db: Db, rows: DailyMetricInput[]): Promise<number> {
  const unique = mergePerKey(rows, (r) => `${r.agencyId}|${r.accountId}|${r.day}`);
  let written = 0;
  for (let i = 0; i < unique.length; i += BATCH) {
    const cells = unique
      .slice(i, i + BATCH)
      .map((r) => [
        r.agencyId,
        r.accountId,
        r.day,
        r.followers ?? null,
        r.following ?? null,
        r.postsPublished ?? null,
        r.impressions ?? null,
        r.reach ?? null,
        r.engagements ?? null,
        r.repliesReceived ?? null,
      ]);
    await bulkUpsert(db, "account_daily_metric", COLUMNS, cells, upsert, { direct: true });
    written += cells.length; // stored or already stored as given, as the old per-row upsert counted
  }
  return written;
}
