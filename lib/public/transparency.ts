import type { LinkStatus, Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { UiLocale } from "@/lib/format";
import { bucketStarts } from "@/lib/queries/buckets";
import { getAgencyChannels } from "@/lib/queries/getAgencyChannels";
import { getAudienceSeries } from "@/lib/queries/getAudienceSeries";
import { getCampaignReach } from "@/lib/queries/getCampaignReach";
import { getInputOutcome, type OutcomeFigures } from "@/lib/queries/getInputOutcome";
import { getOutcomeByWorkItem } from "@/lib/queries/getOutcomeByWorkItem";
import { localDay, type Day } from "@/lib/time";

export const LINK_STATUSES: LinkStatus[] = [
  "received",
  "under_review",
  "forwarded",
  "incorporated",
  "implemented",
  "declined",
];

/**
 * Everything an agency's public page shows, and nothing else: the page, its CSV and its JSON are
 * renderings of this one object. Only aggregates — no reply text, no author, no handle of a
 * citizen, no permalink — so nothing personal can leak through any of the three.
 */
export type PublicTransparency = {
  agency: { slug: string; name: string; locale: UiLocale };
  period: { from: Day; to: Day; partial: boolean };
  channels: { platform: Platform; name: string; audience: number | null; audienceDay: Day | null }[];
  audience: { months: Day[]; series: { platform: Platform; name: string; values: (number | null)[] }[] };
  campaigns: {
    name: string;
    platform: Platform;
    sentDay: Day;
    sent: number | null;
    reached: number | null;
    targetPopulation: number | null;
    coverage: number | null;
  }[];
  inputs: OutcomeFigures;
  workItems: { title: string; inputs: number; byStatus: Record<LinkStatus, number> }[];
};

/** The last twelve calendar months up to today, in the agency's time zone. */
export function publicPeriod(timeZone: string, now: Date): { from: Day; to: Day } {
  const to = localDay(now, timeZone);
  const [y, m] = to.split("-").map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - 11, 1));
  return { from: start.toISOString().slice(0, 10), to };
}

/** The public figures of an agency that has switched its page on; null otherwise (the caller answers 404). */
export async function getPublicTransparency(
  db: Db,
  slug: string,
  now = new Date(),
): Promise<PublicTransparency | null> {
  // Anyone may ask for any address here: only a well-formed slug reaches the database.
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return null;
  const agency = await db.agency.findFirst({
    where: { slug, publicPage: true, archivedAt: null },
    select: { id: true, slug: true, name: true, locale: true, timeZone: true },
  });
  if (!agency) return null;
  const { from, to } = publicPeriod(agency.timeZone, now);
  const scope = { agencyId: agency.id, timeZone: agency.timeZone, from, to };
  const [[channels], audience, campaigns, outcome, workItems] = await Promise.all([
    getAgencyChannels(db, [agency.id], now),
    getAudienceSeries(db, { agencyId: agency.id, from, to, bucket: "month" }),
    getCampaignReach(db, scope),
    getInputOutcome(db, scope),
    getOutcomeByWorkItem(db, scope),
  ]);
  const { medianDaysToDecision, ...counts } = outcome.total;
  return {
    agency: { slug: agency.slug, name: agency.name, locale: agency.locale },
    period: { from, to, partial: true },
    channels: (channels?.channels ?? []).map((c) => ({
      platform: c.platform,
      name: c.displayName,
      audience: c.audience,
      audienceDay: c.audienceDay,
    })),
    audience: {
      months: audience.buckets.length ? audience.buckets : bucketStarts(from, to, "month"),
      series: audience.series.map((s) => ({ platform: s.platform, name: s.displayName, values: s.values })),
    },
    campaigns: campaigns.map((c) => ({
      name: c.name,
      platform: c.platform,
      sentDay: c.sentDay,
      sent: c.sent,
      reached: c.reached,
      targetPopulation: c.targetPopulation,
      coverage: c.coverage,
    })),
    inputs: {
      ...counts,
      medianDaysToDecision: medianDaysToDecision === null ? null : Math.round(medianDaysToDecision * 10) / 10,
    },
    workItems: workItems.map((w) => ({
      title: w.title,
      inputs: w.inputs.length,
      byStatus: Object.fromEntries(
        LINK_STATUSES.map((s) => [s, w.inputs.filter((i) => i.status === s).length]),
      ) as Record<LinkStatus, number>,
    })),
  };
}

/** The CSV rows of the same figures: one measure per row, so every section fits one header. */
export function publicCsvRows(p: PublicTransparency): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const c of p.channels) rows.push(["channel", c.name, c.platform, c.audienceDay, "audience", c.audience]);
  for (const s of p.audience.series)
    s.values.forEach((v, i) =>
      rows.push(["audience_month", s.name, s.platform, p.audience.months[i]!, "audience_end_of_month", v]),
    );
  for (const c of p.campaigns) {
    rows.push(["campaign", c.name, c.platform, c.sentDay, "reached", c.reached]);
    rows.push(["campaign", c.name, c.platform, c.sentDay, "target_population", c.targetPopulation]);
    rows.push(["campaign", c.name, c.platform, c.sentDay, "coverage", c.coverage]);
  }
  const period = `${p.period.from}/${p.period.to}`;
  for (const [k, v] of Object.entries(p.inputs)) rows.push(["inputs", "", "", period, k, v]);
  for (const w of p.workItems) {
    rows.push(["work_item", w.title, "", period, "inputs", w.inputs]);
    for (const s of LINK_STATUSES) rows.push(["work_item", w.title, "", period, s, w.byStatus[s]]);
  }
  return rows;
}

export const PUBLIC_CSV_HEADER = ["section", "subject", "platform", "period", "measure", "value"];

/** Public figures change at most with each collection; caches may keep them a few minutes. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600";
