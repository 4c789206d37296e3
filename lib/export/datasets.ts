import { z } from "zod";
import { CompareExtra, comparableAgencies } from "@/lib/dashboard/hierarchy";
import { db } from "@/lib/db/client";
import { csvHeader } from "@/lib/export/columns";
import { translator } from "@/lib/intl";
import type { ScopedRequest } from "@/lib/metrics/request";
import type { Scope } from "@/lib/metrics/scope";
import { hasRole, type Role, type VisibleAgency } from "@/lib/permissions/access";
import { exportPostsQuery } from "@/lib/queries/exportPosts";
import { exportRepliesQuery } from "@/lib/queries/exportReplies";
import { exportedPermalink } from "@/lib/ingest/replies";
import { getReusedAgencyComparison } from "@/lib/queries/getAgencyComparison";
import { getAgencyOverview } from "@/lib/queries/getAgencyOverview";
import { getCampaignReach } from "@/lib/queries/getCampaignReach";
import { getInputOutcome } from "@/lib/queries/getInputOutcome";
import { getOutcomeByWorkItem } from "@/lib/queries/getOutcomeByWorkItem";
import { getChannelGrowth } from "@/lib/queries/getChannelGrowth";
import { getReachSeries } from "@/lib/queries/getReachSeries";
import { getReplySeries } from "@/lib/queries/getReplySeries";
import { COMPARED_METRICS } from "@/lib/queries/getPeriodComparison";
import { comparisonOf, ComparisonExtra } from "@/lib/queries/getComparisonView";
import { csvBreakColumns } from "@/lib/dashboard/seriesNotes";
import type { Metric } from "@/lib/metrics/engine";
import type { CsvQuery } from "./csvQuery";

/** Rows built in memory (the dashboard's own, bounded, figures) or a query streamed from the database. */
export type ExportContent = { header: string[]; rows: unknown[][] } | { stream: CsvQuery };

/** What a dataset is given: the request pipeline's scope (plus the period and channels under their short names). */
export type DatasetRequest = ScopedRequest<Record<string, unknown>> & {
  range: Scope["period"] & { bucket: Scope["bucket"] };
  accountIds?: string[];
};
type Dataset = { role: Role; extra: z.ZodType; load: (req: DatasetRequest) => Promise<ExportContent> };

const none = z.object({});
/** Series views name their breaks and gaps (lib/metrics/seriesEvents.ts) in two columns, `brudd` and `brudd_merknad`. */
const eventsOf = (scope: Scope, metrics: Metric[]) => ({ metrics, today: scope.today, timeZone: scope.timeZone });
/** A share (0.2317) as a percentage with two decimals (23.17; the CSV writer puts the decimal mark). */
const percent = (share: number | null) => (share === null ? null : Math.round(share * 10_000) / 100);
/** Column names and label values in the language of the page the export was taken from. */
const table = (scope: Scope, header: string[], rows: unknown[][]) => ({ header: csvHeader(header, scope.lang), rows });

/**
 * Every CSV export, by name: a declaration of columns over the same view (lib/queries, reading the
 * metric engine) as the dashboard page and JSON route it belongs to, with the same scope.
 */
export const DATASETS = {
  overview: {
    role: "viewer",
    extra: none,
    load: async ({ scope }) => {
      const o = await getAgencyOverview(db(), { agencyId: scope.agency.id, today: scope.today });
      const m = translator(scope.lang, "metrics");
      return table(
        scope,
        [
          "plattform",
          "kanal",
          "navn",
          "status",
          "publikum",
          "publikum_dato",
          "endring_denne_uke_saa_langt",
          "endring_samme_dager_forrige_uke",
          "endring_forrige_uke",
          "visninger_denne_uke_saa_langt",
          "rekkevidde_denne_uke_saa_langt",
          "svar_denne_uke_saa_langt",
          "manglende_dager_14",
        ],
        o.channels.map((c) => [
          c.platform,
          c.handle,
          c.displayName,
          m(`status_${c.status}`),
          c.audience,
          c.audienceDay,
          c.changeThisWeek,
          c.changeSameDaysLastWeek,
          c.changeLastWeek,
          c.impressionsThisWeek,
          c.reachThisWeek,
          c.repliesThisWeek,
          c.missingDays,
        ]),
      );
    },
  },
  growth: {
    role: "viewer",
    extra: none,
    load: async ({ scope }) => {
      const g = await getChannelGrowth(db(), {
        agencyId: scope.agency.id,
        ...scope.period,
        bucket: scope.bucket,
        accountIds: scope.channels,
        events: eventsOf(scope, ["audience"]),
      });
      return table(
        scope,
        ["periode_start", "plattform", "kanal", "publikum", "netto_vekst", "brudd", "brudd_merknad"],
        g.accounts.flatMap((s) =>
          g.buckets.map((b, i) => [
            b,
            s.platform,
            s.label,
            s.absolute[i] ?? null,
            s.net[i] ?? null,
            ...csvBreakColumns(g.events ?? [], s.key, i, `${s.platform}:${s.label}`, scope.lang),
          ]),
        ),
      );
    },
  },
  reach: {
    role: "viewer",
    extra: none,
    load: async ({ scope }) => {
      const r = await getReachSeries(db(), {
        agencyId: scope.agency.id,
        ...scope.period,
        bucket: scope.bucket,
        accountIds: scope.channels,
        events: eventsOf(scope, ["impressions", "reach", "engagements"]),
      });
      return table(
        scope,
        [
          "periode_start",
          "plattform",
          "kanal",
          "visninger",
          "rekkevidde",
          "engasjement",
          "engasjementsrate_prosent",
          "brudd",
          "brudd_merknad",
        ],
        r.channels.flatMap((c) =>
          r.buckets.map((b, i) => {
            const v = c.values[i]!;
            return [
              b,
              c.platform,
              c.handle,
              v.impressions,
              v.reach,
              v.engagements,
              percent(v.engagementRate),
              ...csvBreakColumns(r.events ?? [], c.accountId, i, `${c.platform}:${c.handle}`, scope.lang),
            ];
          }),
        ),
      );
    },
  },
  campaigns: {
    role: "viewer",
    extra: none,
    load: async ({ scope }) => {
      const rows = await getCampaignReach(db(), {
        agencyId: scope.agency.id,
        timeZone: scope.timeZone,
        ...scope.period,
        accountIds: scope.channels,
      });
      return table(
        scope,
        [
          "sendt_dato",
          "plattform",
          "kanal",
          "kampanje",
          "sendt",
          "naadd",
          "maalgruppe",
          "dekning_prosent",
          "aapnet",
          "klikk",
        ],
        rows.map((c) => [
          c.sentDay,
          c.platform,
          c.handle,
          c.name,
          c.sent,
          c.reached,
          c.targetPopulation,
          percent(c.coverage),
          c.opens,
          c.clicks,
        ]),
      );
    },
  },
  replies: {
    role: "viewer",
    extra: none,
    load: async ({ scope }) => {
      const r = await getReplySeries(db(), {
        agencyId: scope.agency.id,
        ...scope.period,
        bucket: scope.bucket,
        accountIds: scope.channels,
        events: eventsOf(scope, ["replies"]),
      });
      return table(
        scope,
        ["periode_start", "plattform", "kanal", "svar", "brudd", "brudd_merknad"],
        r.channels.flatMap((c) =>
          r.buckets.map((b, i) => [
            b,
            c.platform,
            c.handle,
            c.values[i] ?? null,
            ...csvBreakColumns(r.events ?? [], c.accountId, i, `${c.platform}:${c.handle}`, scope.lang),
          ]),
        ),
      );
    },
  },
  compare: {
    role: "viewer",
    extra: CompareExtra,
    load: async ({ agency, visible, scope, extra }) => {
      const { chosen } = comparableAgencies(agency, visible, extra.agency as string[] | undefined);
      const rows = await getReusedAgencyComparison(db(), chosen, scope.period);
      return table(
        scope,
        [
          "virksomhet",
          "kanaler",
          "publikum",
          "publikum_ved_start",
          "vekst_prosent",
          "visninger",
          "innlegg",
          "visninger_per_innlegg",
          "svar",
        ],
        rows.map((r) => [
          r.name,
          r.channels,
          r.audience,
          r.audienceAtStart,
          percent(r.growthShare),
          r.impressions,
          r.posts,
          r.impressionsPerPost,
          r.replies,
        ]),
      );
    },
  },
  // The chosen period beside the previous one or the same one last year (`compare=previous|year`), per group and in total.
  comparison: {
    role: "viewer",
    extra: ComparisonExtra,
    load: async (req) => {
      const c = await comparisonOf(db(), { ...req, extra: ComparisonExtra.parse(req.extra) });
      const header = [
        "gruppe",
        "maal",
        "periode_fra",
        "periode_til",
        "sammenlignet_med",
        "sammenlignet_fra",
        "sammenlignet_til",
        "del_av_periode",
        "verdi",
        "verdi_sammenlignet",
        "endring",
        "endring_prosent",
      ];
      if (!c) return table(req.scope, header, []);
      const p = c.comparison;
      const rows = [
        ...c.groups.map((g) => ({ ...g, label: c.labels.get(g.key) ?? g.key })),
        { ...c.total, label: "alle" },
      ].flatMap((g) =>
        COMPARED_METRICS.map((k) => {
          const v = g.values[k];
          return [
            g.label,
            k,
            p.current.from,
            p.current.to,
            p.mode,
            p.other.from,
            p.other.to,
            p.partial ? "ja" : "nei",
            v.current,
            v.other,
            v.change,
            percent(v.changeShare),
          ];
        }),
      );
      // Campaigns (e-mail and push) sent in each period; coverage as a percentage.
      if (c.campaigns)
        for (const k of ["sent", "reached", "coverage"] as const) {
          const v = c.campaigns[k];
          const value = (x: number | null) => (k === "coverage" ? percent(x) : x);
          rows.push([
            "kampanjer",
            `campaign_${k}`,
            p.current.from,
            p.current.to,
            p.mode,
            p.other.from,
            p.other.to,
            p.partial ? "ja" : "nei",
            value(v.current),
            value(v.other),
            value(v.change),
            percent(v.changeShare),
          ]);
        }
      return table(req.scope, header, rows);
    },
  },
  posts: {
    role: "viewer",
    extra: none,
    load: async ({ agency, range }) => ({
      stream: exportPostsQuery({ agencyId: agency.id, timeZone: agency.timeZone, from: range.from, to: range.to }),
    }),
  },
  // Citizens' own words: for those who triage them, not for every viewer.
  "reply-texts": {
    role: "editor",
    extra: none,
    load: async ({ agency, range }) => ({
      stream: exportRepliesQuery({ agencyId: agency.id, timeZone: agency.timeZone, from: range.from, to: range.to }),
    }),
  },
  // The inputs outcome view: the funnel per channel (and in total) for the period.
  outcomes: {
    role: "viewer",
    extra: none,
    load: async ({ agency, range, accountIds }) => {
      const o = await getInputOutcome(db(), {
        agencyId: agency.id,
        timeZone: agency.timeZone,
        from: range.from,
        to: range.to,
        accountId: accountIds?.[0] ?? null,
      });
      const figures = (f: typeof o.total) => [
        f.replies,
        f.inputs,
        f.linked,
        f.reviewed,
        f.forwarded,
        f.reached,
        f.implemented,
        f.declined,
        f.medianDaysToDecision,
      ];
      return {
        header: [
          "plattform",
          "kanal",
          "svar",
          "innspill",
          "koblet",
          "vurdert",
          "videresendt",
          "naadd_fram",
          "gjennomfort",
          "avslaatt",
          "median_dager_til_beslutning",
        ],
        rows: [...o.channels.map((c) => [c.platform, c.handle, ...figures(c)]), ["alle", "alle", ...figures(o.total)]],
      };
    },
  },
  "outcome-inputs": {
    role: "editor",
    extra: none,
    load: async ({ agency, range, accountIds }) => {
      const items = await getOutcomeByWorkItem(db(), {
        agencyId: agency.id,
        timeZone: agency.timeZone,
        from: range.from,
        to: range.to,
        accountId: accountIds?.[0] ?? null,
      });
      return {
        header: [
          "sak",
          "saksnummer",
          "status",
          "naadd_fram",
          "plattform",
          "kanal",
          "publisert",
          "besluttet",
          "tekst",
          "lenke",
        ],
        rows: items.flatMap((w) =>
          w.inputs.map((i) => [
            w.title,
            w.caseNumber,
            i.status,
            i.reached ? "ja" : "nei",
            i.platform,
            i.accountHandle,
            i.publishedAt,
            i.decidedAt,
            i.text,
            exportedPermalink(i.platform, i.permalink, { viewerLevel: false }),
          ]),
        ),
      };
    },
  },
} satisfies Record<string, Dataset>;

export type DatasetName = keyof typeof DATASETS;
export const DatasetNameSchema = z.enum(Object.keys(DATASETS) as [DatasetName, ...DatasetName[]]);

export function mayExport(agency: VisibleAgency, name: DatasetName): boolean {
  return hasRole(agency, DATASETS[name].role);
}
