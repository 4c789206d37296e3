import { ChartFigure } from "@/app/components/ChartFigure";
import { DashboardView } from "@/app/components/DashboardView";
import { SummaryTable } from "@/app/components/SummaryTable";
import { db } from "@/lib/db/client";
import { channelLabel, dashboardContext, type PageProps } from "@/lib/dashboard/pageContext";
import { formatBucket, formatNumber } from "@/lib/format";
import { getReplySeries } from "@/lib/queries/getReplySeries";
import { chartMarkers } from "@/lib/dashboard/seriesNotes";

export const dynamic = "force-dynamic";

export default async function RepliesPage(props: PageProps) {
  const ctx = await dashboardContext(props);
  const { agency, locale, t, range } = ctx;
  const r = await getReplySeries(db(), {
    agencyId: agency.id,
    from: range.from,
    to: range.to,
    bucket: range.bucket,
    accountIds: ctx.accountIds,
    events: { metrics: ["replies"], today: ctx.today, timeZone: agency.timeZone },
  });
  const markers = chartMarkers(
    r.events ?? [],
    (id) => {
      const c = r.channels.find((x) => x.accountId === id);
      return c && channelLabel(c, locale);
    },
    locale,
  );
  const labels = r.buckets.map((b) => formatBucket(b, range.bucket, locale));
  const n = (v: number | null) => formatNumber(v === null ? null : Math.round(v * 10) / 10, locale);
  const top = [...r.channels].sort((a, b) => (b.total ?? 0) - (a.total ?? 0))[0];
  const line = top
    ? t("repliesSummary", { label: channelLabel(top, locale), total: n(top.total) })
    : ctx.summaryUnavailable;
  return (
    <DashboardView ctx={ctx} title={t("nav_replies")} empty={r.channels.length === 0}>
      <SummaryTable
        id="replies-totals"
        title={t("repliesTotals")}
        summaryName="replies"
        summary={line}
        dataName="replies-totals"
        columns={[
          { label: t("channel") },
          { label: t("replies"), numeric: true },
          { label: t("posts"), numeric: true },
          { label: t("repliesPerPost"), numeric: true },
          { label: t("busiest") },
        ]}
        rows={r.channels.map((c) => ({
          key: c.accountId,
          header: channelLabel(c, locale),
          cells: [
            n(c.total),
            n(c.posts),
            n(c.repliesPerPost),
            c.busiest ? `${formatBucket(c.busiest.bucket, range.bucket, locale)} (${n(c.busiest.replies)})` : "–",
          ],
        }))}
      />
      <ChartFigure
        id="replies-series"
        title={t("repliesOverTime")}
        summary={line}
        labels={labels}
        series={r.channels.map((c) => ({ label: channelLabel(c, locale), values: c.values }))}
        bucketHeader={t(`bucket_${range.bucket}`)}
        tableLabel={t("showTable")}
        locale={locale}
        markers={markers}
        kind="bar"
      />
    </DashboardView>
  );
}
