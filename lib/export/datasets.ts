import { z } from "zod";
import type { AgencyRequest } from "@/lib/api/agencyRoute";
import { comparableAgencies } from "@/lib/dashboard/hierarchy";
import { db } from "@/lib/db/client";
import { hasRole, listVisibleAgencies, type Role } from "@/lib/permissions/access";
import { exportPostsQuery } from "@/lib/queries/exportPosts";
import { exportRepliesQuery } from "@/lib/queries/exportReplies";
import { exportedPermalink } from "@/lib/ingest/replies";
import { getAgencyComparison } from "@/lib/queries/getAgencyComparison";
import { getAgencyOverview } from "@/lib/queries/getAgencyOverview";
import { getCampaignReach } from "@/lib/queries/getCampaignReach";
import { getInputOutcome } from "@/lib/queries/getInputOutcome";
import { getOutcomeByWorkItem } from "@/lib/queries/getOutcomeByWorkItem";
import { getChannelGrowth } from "@/lib/queries/getChannelGrowth";
import { getReachSeries } from "@/lib/queries/getReachSeries";
import { getReplySeries } from "@/lib/queries/getReplySeries";
import type { CsvQuery } from "./streamQuery";

/** Rows built in memory (the dashboard's own, bounded, figures) or a query streamed from the database. */
export type ExportContent = { header: string[]; rows: unknown[][] } | { stream: CsvQuery };

type Dataset = { role: Role; extra: z.ZodType; load: (req: AgencyRequest<Record<string, unknown>>) => Promise<ExportContent> };

const none = z.object({});

/**
 * Every CSV export, by name. Each calls the same query function as the dashboard page and JSON API
 * it belongs to, with the same parameters, so the numbers agree.
 */
export const DATASETS = {
  overview: {
    role: "viewer", extra: none,
    load: async ({ agency, today }) => {
      const o = await getAgencyOverview(db(), { agencyId: agency.id, today });
      return {
        header: ["plattform", "kanal", "navn", "status", "publikum", "publikum_dato", "endring_denne_uke", "endring_forrige_uke", "rekkevidde_denne_uke", "svar_denne_uke", "manglende_dager_14"],
        rows: o.channels.map((c) => [c.platform, c.handle, c.displayName, c.status, c.audience, c.audienceDay, c.changeThisWeek, c.changeLastWeek, c.reachThisWeek, c.repliesThisWeek, c.missingDays]),
      };
    },
  },
  growth: {
    role: "viewer", extra: none,
    load: async ({ agency, range, accountIds }) => {
      const g = await getChannelGrowth(db(), { agencyId: agency.id, from: range.from, to: range.to, bucket: range.bucket, accountIds });
      return {
        header: ["periode_start", "plattform", "kanal", "publikum", "netto_vekst"],
        rows: g.accounts.flatMap((s) => g.buckets.map((b, i) => [b, s.platform, s.label, s.absolute[i] ?? null, s.net[i] ?? null])),
      };
    },
  },
  reach: {
    role: "viewer", extra: none,
    load: async ({ agency, range, accountIds }) => {
      const r = await getReachSeries(db(), { agencyId: agency.id, from: range.from, to: range.to, bucket: range.bucket, accountIds });
      return {
        header: ["periode_start", "plattform", "kanal", "visninger", "rekkevidde", "engasjement", "engasjementsrate"],
        rows: r.channels.flatMap((c) => r.buckets.map((b, i) => { const v = c.values[i]!; return [b, c.platform, c.handle, v.impressions, v.reach, v.engagements, v.engagementRate]; })),
      };
    },
  },
  campaigns: {
    role: "viewer", extra: none,
    load: async ({ agency, range, accountIds }) => {
      const rows = await getCampaignReach(db(), { agencyId: agency.id, timeZone: agency.timeZone, from: range.from, to: range.to, accountIds });
      return {
        header: ["sendt_dato", "plattform", "kanal", "kampanje", "sendt", "naadd", "maalgruppe", "dekning", "aapnet", "klikk"],
        rows: rows.map((c) => [c.sentDay, c.platform, c.handle, c.name, c.sent, c.reached, c.targetPopulation, c.coverage, c.opens, c.clicks]),
      };
    },
  },
  replies: {
    role: "viewer", extra: none,
    load: async ({ agency, range, accountIds }) => {
      const r = await getReplySeries(db(), { agencyId: agency.id, from: range.from, to: range.to, bucket: range.bucket, accountIds });
      return { header: ["periode_start", "plattform", "kanal", "svar"], rows: r.channels.flatMap((c) => r.buckets.map((b, i) => [b, c.platform, c.handle, c.values[i] ?? null])) };
    },
  },
  compare: {
    role: "viewer",
    extra: z.object({ agency: z.union([z.string().min(1), z.array(z.string().min(1))]).transform((v) => (Array.isArray(v) ? v : [v])).optional() }),
    load: async ({ agency, range, extra }) => {
      const { chosen } = comparableAgencies(agency, await listVisibleAgencies(), extra.agency as string[] | undefined);
      const rows = await getAgencyComparison(db(), { agencyIds: chosen.map((a) => a.id), from: range.from, to: range.to });
      return {
        header: ["virksomhet", "kanaler", "publikum", "publikum_ved_start", "vekst_andel", "visninger", "innlegg", "visninger_per_innlegg", "svar"],
        rows: rows.map((r) => [r.name, r.channels, r.audience, r.audienceAtStart, r.growthShare, r.impressions, r.posts, r.impressionsPerPost, r.replies]),
      };
    },
  },
  posts: {
    role: "viewer", extra: none,
    load: async ({ agency, range }) => ({ stream: exportPostsQuery({ agencyId: agency.id, timeZone: agency.timeZone, from: range.from, to: range.to }) }),
  },
  // Citizens' own words: for those who triage them, not for every viewer.
  "reply-texts": {
    role: "editor", extra: none,
    load: async ({ agency, range }) => ({ stream: exportRepliesQuery({ agencyId: agency.id, timeZone: agency.timeZone, from: range.from, to: range.to }) }),
  },
  // The inputs outcome view: the funnel per channel (and in total) for the period.
  outcomes: {
    role: "viewer", extra: none,
    load: async ({ agency, range, accountIds }) => {
      const o = await getInputOutcome(db(), { agencyId: agency.id, timeZone: agency.timeZone, from: range.from, to: range.to, accountId: accountIds?.[0] ?? null });
      const figures = (f: typeof o.total) => [f.replies, f.inputs, f.linked, f.reviewed, f.forwarded, f.reached, f.implemented, f.declined, f.medianDaysToDecision];
      return {
        header: ["plattform", "kanal", "svar", "innspill", "koblet", "vurdert", "videresendt", "naadd_fram", "gjennomfort", "avslaatt", "median_dager_til_beslutning"],
        rows: [...o.channels.map((c) => [c.platform, c.handle, ...figures(c)]), ["alle", "alle", ...figures(o.total)]],
      };
    },
  },
  "outcome-inputs": {
    role: "editor", extra: none,
    load: async ({ agency, range, accountIds }) => {
      const items = await getOutcomeByWorkItem(db(), { agencyId: agency.id, timeZone: agency.timeZone, from: range.from, to: range.to, accountId: accountIds?.[0] ?? null });
      return {
        header: ["sak", "saksnummer", "status", "naadd_fram", "plattform", "kanal", "publisert", "besluttet", "tekst", "lenke"],
        rows: items.flatMap((w) => w.inputs.map((i) => [w.title, w.caseNumber, i.status, i.reached ? "ja" : "nei", i.platform, i.accountHandle, i.publishedAt, i.decidedAt, i.text, exportedPermalink(i.platform, i.permalink, { viewerLevel: false })])),
      };
    },
  },
} satisfies Record<string, Dataset>;

export type DatasetName = keyof typeof DATASETS;
export const DatasetNameSchema = z.enum(Object.keys(DATASETS) as [DatasetName, ...DatasetName[]]);

export function mayExport(agency: AgencyRequest<unknown>["agency"], name: DatasetName): boolean {
  return hasRole(agency, DATASETS[name].role);
}
