import type { Db } from "@/lib/db/client";
import { poolOf } from "@/lib/db/pool";
import { growthShare, perPost } from "@/lib/metrics/definitions";
import { aggregate, combine, type Metric } from "@/lib/metrics/engine";
import type { Period } from "@/lib/metrics/periods";
import { cachedView } from "@/lib/metrics/viewCache";
import type { VisibleAgency } from "@/lib/permissions/visibleAgencies";
import type { Day } from "@/lib/time";

export type AgencyComparisonRow = {
  agencyId: string;
  slug: string;
  name: string;
  parentId: string | null;
  channels: number;
  /** Followers across the agency's channels at the end of the range. */
  audience: number | null;
  /** The same at the end of the equally long stretch before the range. */
  audienceAtStart: number | null;
  growthShare: number | null;
  impressions: number | null;
  posts: number | null;
  impressionsPerPost: number | null;
  replies: number | null;
};

/** The metrics the comparison shows: the others are not aggregated (a national compare reads every channel). */
const SHOWN: Metric[] = ["audience", "impressions", "posts", "replies"];

/**
 * Agencies side by side over the same calendar range. The caller passes only agencies the request
 * may see (lib/permissions/access.ts); nothing here widens that list.
 */
export async function getAgencyComparison(
  db: Db,
  params: { agencyIds: string[]; from: Day; to: Day },
): Promise<AgencyComparisonRow[]> {
  if (params.agencyIds.length === 0) return [];
  const range = { from: params.from, to: params.to };
  const [agencies, rows] = await Promise.all([
    db.agency.findMany({
      where: { id: { in: params.agencyIds } },
      select: { id: true, slug: true, name: true, parentId: true },
      orderBy: { name: "asc" },
    }),
    aggregate(db, { agencyIds: params.agencyIds }, { range: { ...range, compare: true } }, { metrics: SHOWN }),
  ]);
  const byAgency = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byAgency.get(r.agencyId);
    if (list) list.push(r);
    else byAgency.set(r.agencyId, [r]);
  }
  return agencies.map((a) => {
    const mine = byAgency.get(a.id) ?? [];
    const f = combine(
      mine.map((r) => r.figures.range),
      range,
    );
    return {
      agencyId: a.id,
      slug: a.slug,
      name: a.name,
      parentId: a.parentId,
      channels: mine.length,
      audience: f.audience,
      audienceAtStart: f.audienceBefore,
      growthShare: growthShare(f.audienceChange, f.audienceBefore),
      impressions: f.impressions,
      posts: f.posts,
      impressionsPerPost: perPost(f.impressions, f.posts),
      replies: f.replies,
    };
  });
}

/**
 * The comparison's place in lib/metrics/viewCache.ts (`form`: the JSON route keeps its answer as text,
 * the page and the CSV as rows). Its figures read only the chosen agencies' channels and daily figures
 * (and the rollups kept from them), so they are reused per data version. Names, slugs and parents come
 * from the agency table, which the data version does not follow: they are in the key as the request's
 * access check read them (any change to an agency renews that), so a renamed agency is computed anew.
 */
export function comparisonView(chosen: VisibleAgency[], period: Period, form: "json" | "rows") {
  return {
    name: `compare-${form}`,
    agencyIds: chosen.map((a) => a.id),
    args: `${period.from}/${period.to}/${JSON.stringify(chosen.map((a) => [a.slug, a.name, a.parentId]))}`,
  };
}

/** The comparison of agencies the request may see, reused while none of them has new data. The rows are shared: do not change them. */
export function getReusedAgencyComparison(db: Db, chosen: VisibleAgency[], period: Period) {
  return cachedView(poolOf(db), comparisonView(chosen, period, "rows"), () =>
    getAgencyComparison(db, { agencyIds: chosen.map((a) => a.id), from: period.from, to: period.to }),
  );
}
