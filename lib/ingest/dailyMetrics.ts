import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
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

const METRICS = ["followers", "following", "postsPublished", "impressions", "reach", "engagements", "repliesReceived"] as const;
const BATCH = 5_000;

/**
 * Upserts daily rollup rows, one per (agency, account, day). Collecting several times a day
 * overwrites the day's values with the newest known ones; an unknown (null) value never erases a
 * known one, and never becomes zero.
 */
export async function upsertDailyMetrics(db: Db, rows: DailyMetricInput[]): Promise<number> {
  const unique = mergePerKey(rows, (r) => `${r.agencyId}|${r.accountId}|${r.day}`);
  let written = 0;
  for (let i = 0; i < unique.length; i += BATCH) {
    const batch = unique.slice(i, i + BATCH);
    const col = (key: (typeof METRICS)[number]) => batch.map((r) => r[key] ?? null);
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
