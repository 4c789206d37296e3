import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { Day } from "@/lib/time";

export type AgencyComparisonRow = {
  agencyId: string;
  slug: string;
  name: string;
  parentId: string | null;
  channels: number;
  /** Sum of each channel's last known audience on or before `to`. */
  audience: number | null;
  /** The same sum on the day before the range (channels known at both ends only). */
  audienceAtStart: number | null;
  growthShare: number | null;
  impressions: number | null;
  posts: number | null;
  impressionsPerPost: number | null;
  replies: number | null;
};

/**
 * Agencies side by side over the same calendar range. The caller passes only agencies the request
 * may see (lib/permissions/access.ts); nothing here widens that list.
 */
export async function getAgencyComparison(db: Db, params: { agencyIds: string[]; from: Day; to: Day }): Promise<AgencyComparisonRow[]> {
  if (params.agencyIds.length === 0) return [];
  const rows = await db.$queryRaw<{
    id: string; slug: string; name: string; parent_id: string | null; channels: number;
    audience: number | null; audience_paired_end: number | null; audience_start: number | null;
    impressions: number | null; posts: number | null; replies: number | null;
  }[]>(Prisma.sql`
    WITH ends AS (
      SELECT a.agency_id, e.followers AS end_value, s.followers AS start_value
      FROM account a
      LEFT JOIN LATERAL (SELECT m.followers FROM account_daily_metric m
        WHERE m.agency_id = a.agency_id AND m.account_id = a.id AND m.followers IS NOT NULL AND m.day <= ${params.to}::date
        ORDER BY m.day DESC LIMIT 1) e ON true
      LEFT JOIN LATERAL (SELECT m.followers FROM account_daily_metric m
        WHERE m.agency_id = a.agency_id AND m.account_id = a.id AND m.followers IS NOT NULL AND m.day < ${params.from}::date
        ORDER BY m.day DESC LIMIT 1) s ON true
      WHERE a.agency_id = ANY(${params.agencyIds}::uuid[])
    ), flows AS (
      SELECT m.agency_id, sum(m.impressions)::float8 AS impressions, sum(m.posts_published)::float8 AS posts,
             sum(m.replies_received)::float8 AS replies
      FROM account_daily_metric m
      WHERE m.agency_id = ANY(${params.agencyIds}::uuid[]) AND m.day >= ${params.from}::date AND m.day <= ${params.to}::date
      GROUP BY m.agency_id
    )
    SELECT g.id, g.slug, g.name, g.parent_id,
      (SELECT count(*)::int FROM account a WHERE a.agency_id = g.id) AS channels,
      (SELECT sum(end_value)::float8 FROM ends WHERE ends.agency_id = g.id) AS audience,
      (SELECT sum(end_value)::float8 FROM ends WHERE ends.agency_id = g.id AND start_value IS NOT NULL) AS audience_paired_end,
      (SELECT sum(start_value)::float8 FROM ends WHERE ends.agency_id = g.id AND end_value IS NOT NULL) AS audience_start,
      f.impressions, f.posts, f.replies
    FROM agency g LEFT JOIN flows f ON f.agency_id = g.id
    WHERE g.id = ANY(${params.agencyIds}::uuid[])
    ORDER BY g.name`);
  return rows.map((r) => ({
    agencyId: r.id, slug: r.slug, name: r.name, parentId: r.parent_id, channels: r.channels,
    audience: r.audience, audienceAtStart: r.audience_start,
    growthShare: r.audience_start && r.audience_paired_end !== null ? (r.audience_paired_end - r.audience_start) / r.audience_start : null,
    impressions: r.impressions, posts: r.posts, replies: r.replies,
    impressionsPerPost: r.impressions !== null && r.posts ? r.impressions / r.posts : null,
  }));
}
