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
import type { SeriesEvent } from "@/lib/metrics/seriesEvents";
import type { Day } from "@/lib/time";
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
/** A share (0.2317) as a percentage with two decimals (23.17; the CSV writer puts the decimal mark). */
const percent = (share: number | null) => (share === null ? null : Math.round(share * 10_000) / 100);
/** Column names and label values in the language of the page the export was taken from. */
const table = (scope: Scope, header: string[], rows: unknown[][]) => ({ header: csvHeader(header, scope.lang), rows });

/** The channel a row is about, in two columns. */
const CHANNEL = ["plattform", "kanal"];
const channelCells = (c: { platform: string; handle: string }) => [c.platform, c.handle];

/** A series view's query: the scope's period, bucket and channels, with the breaks and gaps of `metrics`. */
const seriesQuery = (scope: Scope, metrics: Metric[]) => ({
  agencyId: scope.agency.id,
  ...scope.period,
  bucket: scope.bucket,
  accountIds: scope.channels,
  events: { metrics, today: scope.today, timeZone: scope.timeZone },
});

/**
 * A series view as rows per channel and bucket: `periode_start`, the channel, the view's own `columns`, then its
 * breaks and gaps (lib/metrics/seriesEvents.ts) in `brudd` and `brudd_merknad`.
 */
function seriesTable<S>(
  scope: Scope,
  view: { buckets: Day[]; events?: SeriesEvent[] },
  columns: string[],
  series: S[],
  channelOf: (s: S) => { key: string; platform: string; handle: string },
  values: (s: S, i: number) => unknown[],
) {
  return table(
    scope,
    ["periode_start", ...CHANNEL, ...columns, "brudd", "brudd_merknad"],
    series.flatMap((s) => {
      const c = channelOf(s);
      return view.buckets.map((b, i) => [
        b,
        ...channelCells(c),
        ...values(s, i),
        ...csvBreakColumns(view.events ?? [], c.key, i, `${c.platform}:${c.handle}`, scope.lang),
      ]);
    }),
  );
}

/** The agency and the period of a query on its own rows (posts, replies, inputs). */
const agencyPeriod = (agency: VisibleAgency, range: DatasetRequest["range"]) => ({
  agencyId: agency.id,
  timeZone: agency.timeZone,
  from: range.from,
  to: range.to,
});
/** The inputs outcome views: the agency's period, on one channel when one was chosen. */
const outcomeQuery = ({ agency, range, accountIds }: DatasetRequest) => ({
  ...agencyPeriod(agency, range),
  accountId: accountIds?.[0] ?? null,
});

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
          ...CHANNEL,
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
          ...channelCells(c),
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
      const g = await getChannelGrowth(db(), seriesQuery(scope, ["audience"]));
      return seriesTable(
        scope,
        g,
        ["publikum", "netto_vekst"],
        g.accounts,
        (s) => ({ key: s.key, platform: s.platform, handle: s.label }),
        (s, i) => [s.absolute[i] ?? null, s.net[i] ?? null],
      );
    },
  },
  reach: {
    role: "viewer",
    extra: none,
    load: async ({ scope }) => {
      const r = await getReachSeries(db(), seriesQuery(scope, ["impressions", "reach", "engagements"]));
      return seriesTable(
        scope,
        r,
        ["visninger", "rekkevidde", "engasjement", "engasjementsrate_prosent"],
        r.channels,
        (c) => ({ key: c.accountId, platform: c.platform, handle: c.handle }),
        (c, i) => {
          const v = c.values[i]!;
          return [v.impressions, v.reach, v.engagements, percent(v.engagementRate)];
        },
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
        ["sendt_dato", ...CHANNEL, "kampanje", "sendt", "naadd", "maalgruppe", "dekning_prosent", "aapnet", "klikk"],
        rows.map((c) => [
          c.sentDay,
          ...channelCells(c),
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
      const r = await getReplySeries(db(), seriesQuery(scope, ["replies"]));
      return seriesTable(
        scope,
        r,
        ["svar"],
        r.channels,
        (c) => ({ key: c.accountId, platform: c.platform, handle: c.handle }),
        (c, i) => [c.values[i] ?? null],
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
      const row = (
        group: string,
        metric: string,
        v: { current: number | null; other: number | null; change: number | null; changeShare: number | null },
        value = (x: number | null) => x,
      ) => [
        group,
        metric,
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
      ];
      const rows = [
        ...c.groups.map((g) => ({ ...g, label: c.labels.get(g.key) ?? g.key })),
        { ...c.total, label: "alle" },
      ].flatMap((g) => COMPARED_METRICS.map((k) => row(g.label, k, g.values[k])));
      // Campaigns (e-mail and push) sent in each period; coverage as a percentage.
      if (c.campaigns)
        for (const k of ["sent", "reached", "coverage"] as const)
          rows.push(row("kampanjer", `campaign_${k}`, c.campaigns[k], k === "coverage" ? percent : undefined));
      return table(req.scope, header, rows);
    },
  },
  posts: {
    role: "viewer",
    extra: none,
    load: async ({ agency, range }) => ({
      stream: exportPostsQuery(agencyPeriod(agency, range)),
    }),
  },
  // Citizens' own words: for those who triage them, not for every viewer.
  "reply-texts": {
    role: "editor",
    extra: none,
    load: async ({ agency, range }) => ({
      stream: exportRepliesQuery(agencyPeriod(agency, range)),
    }),
  },
  // The inputs outcome view: the funnel per channel (and in total) for the period.
  outcomes: {
    role: "viewer",
    extra: none,
    load: async (req) => {
      const o = await getInputOutcome(db(), outcomeQuery(req));
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
          ...CHANNEL,
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
        rows: [...o.channels.map((c) => [...channelCells(c), ...figures(c)]), ["alle", "alle", ...figures(o.total)]],
      };
    },
  },
  "outcome-inputs": {
    role: "editor",
    extra: none,
    load: async (req) => {
      const items = await getOutcomeByWorkItem(db(), outcomeQuery(req));
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
