import { ComparisonPanel } from "@/app/components/ComparisonPanel";
import { translator } from "@/lib/intl";
import { ChartFigure } from "@/app/components/ChartFigure";
import { DataTable } from "@/app/components/DataTable";
import { FilterForm } from "@/app/components/FilterForm";
import { db } from "@/lib/db/client";
import { channelLabel, dashboardContext, type PageProps } from "@/lib/dashboard/pageContext";
import { formatBucket, formatNumber } from "@/lib/format";
import { getReplySeries } from "@/lib/queries/getReplySeries";
import { chartMarkers } from "@/lib/dashboard/seriesNotes";

export const dynamic = "force-dynamic";

export default async function RepliesPage(props: PageProps) {
  const ctx = await dashboardContext(props);
  const { agency, locale, t, range, filters } = ctx;
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
    : translator(locale, "summary")("unavailable");
  return (
    <div lang={locale}>
      <h1>
        {agency.name} – {t("nav_replies")}
      </h1>
      <FilterForm
        locale={locale}
        filters={filters}
        range={range}
        errors={ctx.errors}
        notices={ctx.notices}
        channels={ctx.channelOptions}
      />
      <ComparisonPanel agency={agency} scope={ctx.scope} filters={filters} />
      {r.channels.length === 0 ? (
        <p className="empty panel">{t("noDataInRange")}</p>
      ) : (
        <>
          <section className="panel" aria-labelledby="replies-totals-title">
            <h2 id="replies-totals-title">{t("repliesTotals")}</h2>
            <p className="summary" data-summary="replies">
              {line}
            </p>
            <DataTable
              caption={t("repliesTotals")}
              captionHidden
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
          </section>
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
        </>
      )}
    </div>
  );
}
