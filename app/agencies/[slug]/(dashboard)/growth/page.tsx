import { platformLabel } from "@/lib/intl/labels";
import { z } from "zod";
import { ChartFigure } from "@/app/components/ChartFigure";
import { DashboardView } from "@/app/components/DashboardView";
import { SummaryTable } from "@/app/components/SummaryTable";
import { db } from "@/lib/db/client";
import { channelLabel, dashboardContext, type PageProps } from "@/lib/dashboard/pageContext";
import { formatBucket, formatChange, formatDay, formatNumber, formatPercent } from "@/lib/format";
import { getChannelGrowth } from "@/lib/queries/getChannelGrowth";
import { chartMarkers } from "@/lib/dashboard/seriesNotes";

export const dynamic = "force-dynamic";

export default async function GrowthPage(props: PageProps) {
  const ctx = await dashboardContext(props);
  const { agency, locale, t, range, filters } = ctx;
  const g = await getChannelGrowth(db(), {
    agencyId: agency.id,
    from: range.from,
    to: range.to,
    bucket: range.bucket,
    accountIds: ctx.accountIds,
    events: { metrics: ["audience"], today: ctx.today, timeZone: agency.timeZone },
  });
  const accountMarkers = chartMarkers(
    g.events ?? [],
    (id) => {
      const s = g.summary.find((x) => x.accountId === id);
      return s && channelLabel(s, locale);
    },
    locale,
  );
  const labels = g.buckets.map((b) => formatBucket(b, range.bucket, locale));
  const net = filters.view === "net";
  const pick = net ? "net" : "absolute";
  const zoomed = filters.axis === "zoom" && !net;
  const fastest = g.summary[0];
  const summaryLine =
    fastest && fastest.changeShare !== null
      ? t("growthSummary", {
          label: channelLabel(fastest, locale),
          pct: formatPercent(fastest.changeShare, locale),
          change: formatChange(fastest.change, locale),
        })
      : ctx.summaryUnavailable;
  // The same definition as the table: growth over the range against the stretch before it, per platform.
  const platformGrowth = g.platformSummary[0];
  const platformLine =
    platformGrowth && platformGrowth.changeShare !== null
      ? t("platformSummary", {
          label: platformLabel(platformGrowth.platform, locale),
          pct: formatPercent(platformGrowth.changeShare, locale),
          change: formatChange(platformGrowth.change, locale),
        })
      : ctx.summaryUnavailable;
  // Both charts: the same buckets, kind, markers and axis.
  const chartOptions = {
    bucketHeader: t(`bucket_${range.bucket}`),
    tableLabel: t("showTable"),
    locale,
    kind: net ? ("bar" as const) : ("line" as const),
    signed: net,
    markers: accountMarkers,
    zoomed,
    axisNote: !net,
  };
  // Five years by week are 261 rows per table: the tables go a page at a time (?tabellside=), the chart has them all.
  const tablePage = TablePage.parse(ctx.search.tabellside);
  const tableHref = (id: string) => (page: number) => {
    const query = new URLSearchParams(
      Object.entries(ctx.search).flatMap(([k, v]) =>
        k === "tabellside" || v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x]),
      ),
    );
    query.set("tabellside", String(page));
    return `?${query}#${id}-title`;
  };
  return (
    <DashboardView ctx={ctx} title={t("nav_growth")} showView showAxis empty={g.accounts.length === 0}>
      <SummaryTable
        id="growth-range"
        title={t("growthRangeTable")}
        summaryName="growth"
        summary={summaryLine}
        dataName="growth-summary"
        columns={[
          { label: t("channel") },
          { label: t("start"), numeric: true, name: "start" },
          { label: t("end"), numeric: true, name: "end" },
          { label: t("change"), numeric: true, name: "change" },
          { label: t("changePct"), numeric: true, name: "change-share" },
        ]}
        rows={g.summary.map((s) => ({
          key: s.accountId,
          header: channelLabel(s, locale),
          cells: [
            s.startDay ? `${formatNumber(s.start, locale)} (${formatDay(s.startDay, locale)})` : "–",
            s.endDay ? `${formatNumber(s.end, locale)} (${formatDay(s.endDay, locale)})` : "–",
            formatChange(s.change, locale),
            formatPercent(s.changeShare, locale),
          ],
        }))}
      />
      <ChartFigure
        id="growth-accounts"
        title={net ? t("netByAccount") : t("growthByAccount")}
        summary={summaryLine}
        labels={labels}
        series={g.accounts.map((s) => ({
          label: channelLabel({ platform: s.platform, handle: s.label }, locale),
          key: s.key,
          values: s[pick],
        }))}
        tablePages={{ page: tablePage, hrefOf: tableHref("growth-accounts") }}
        {...chartOptions}
      />
      <ChartFigure
        id="growth-platforms"
        title={net ? t("netByPlatform") : t("growthByPlatform")}
        summary={platformLine}
        labels={labels}
        series={g.platforms.map((s) => ({ label: platformLabel(s.platform, locale), key: s.key, values: s[pick] }))}
        tablePages={{ page: tablePage, hrefOf: tableHref("growth-platforms") }}
        {...chartOptions}
      />
    </DashboardView>
  );
}

const TablePage = z.coerce.number().int().min(1).max(10_000).nullable().catch(null).default(null);
