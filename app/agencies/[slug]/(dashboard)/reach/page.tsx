import { ChartFigure } from "@/app/components/ChartFigure";
import { DashboardView } from "@/app/components/DashboardView";
import { DataTable } from "@/app/components/DataTable";
import { SummaryTable } from "@/app/components/SummaryTable";
import { db } from "@/lib/db/client";
import { channelLabel, dashboardContext, type PageProps } from "@/lib/dashboard/pageContext";
import { formatBucket, formatDay, formatNumber, formatPercent } from "@/lib/format";
import { getCampaignReach } from "@/lib/queries/getCampaignReach";
import { getReachSeries } from "@/lib/queries/getReachSeries";
import { chartMarkers } from "@/lib/dashboard/seriesNotes";
import type { Metric } from "@/lib/metrics/engine";

export const dynamic = "force-dynamic";

export default async function ReachPage(props: PageProps) {
  const ctx = await dashboardContext(props);
  const { agency, locale, t, range } = ctx;
  const params = {
    agencyId: agency.id,
    from: range.from,
    to: range.to,
    bucket: range.bucket,
    accountIds: ctx.accountIds,
  };
  const events = { metrics: ["impressions", "engagements"] as Metric[], today: ctx.today, timeZone: agency.timeZone };
  const [r, campaigns] = await Promise.all([
    getReachSeries(db(), { ...params, events }),
    getCampaignReach(db(), { ...params, timeZone: agency.timeZone }),
  ]);
  const n = (v: number | null) => formatNumber(v === null ? null : Math.round(v), locale);
  const labels = r.buckets.map((b) => formatBucket(b, range.bucket, locale));
  const withImpressions = r.channels.filter((c) => c.total.impressions !== null);
  // A channel whose impressions broke off stays on the chart: its break is marked, never a silent absence.
  const broken = new Set((r.events ?? []).filter((e) => e.kind === "series_break").map((e) => e.accountId));
  const charted = r.channels.filter((c) => c.total.impressions !== null || broken.has(c.accountId));
  const labelOf = (ids: Set<string>) => (id: string) => {
    const c = r.channels.find((x) => x.accountId === id);
    return c && ids.has(id) ? channelLabel(c, locale) : undefined;
  };
  const impressionMarkers = chartMarkers(
    (r.events ?? []).filter((e) => e.metric !== "engagements"),
    labelOf(new Set(charted.map((c) => c.accountId))),
    locale,
  );
  const rateMarkers = chartMarkers(r.events ?? [], labelOf(new Set(withImpressions.map((c) => c.accountId))), locale);
  const top = [...withImpressions].sort((a, b) => (b.total.impressions ?? 0) - (a.total.impressions ?? 0))[0];
  const reachLine = top
    ? t("reachSummary", { label: channelLabel(top, locale), value: n(top.total.impressions) })
    : ctx.summaryUnavailable;
  const topPerPost = [...withImpressions]
    .filter((c) => c.total.impressionsPerPost !== null)
    .sort((a, b) => (b.total.impressionsPerPost ?? 0) - (a.total.impressionsPerPost ?? 0))[0];
  const latest = campaigns[0];
  const bestRate = [...withImpressions]
    .filter((c) => c.total.engagementRate !== null)
    .sort((a, b) => b.total.engagementRate! - a.total.engagementRate!)[0];
  const rateLine = bestRate
    ? t("rateSummary", {
        label: channelLabel(bestRate, locale),
        pct: formatPercent(bestRate.total.engagementRate, locale, 2),
      })
    : ctx.summaryUnavailable;
  return (
    <DashboardView ctx={ctx} title={t("nav_reach")}>
      <section className="panel" aria-labelledby="campaigns-title">
        <h2 id="campaigns-title">{t("campaigns")}</h2>
        {campaigns.length === 0 ? (
          <p className="empty">{t("noCampaigns")}</p>
        ) : (
          <>
            <p className="summary" data-summary="campaigns">
              {t("campaignSummary", {
                name: latest!.name,
                reached: n(latest!.reached),
                target: n(latest!.targetPopulation),
                pct: formatPercent(latest!.coverage, locale),
              })}
              {topPerPost && (
                <>
                  {" "}
                  {t("campaignVsSocial", {
                    campaign: latest!.name,
                    reached: n(latest!.reached),
                    channel: channelLabel(topPerPost, locale),
                    perPost: n(topPerPost.total.impressionsPerPost),
                    total: n(topPerPost.total.impressions),
                  })}
                </>
              )}
            </p>
            <DataTable
              caption={t("campaigns")}
              captionHidden
              dataName="campaigns"
              columns={[
                { label: t("campaign") },
                { label: t("channel") },
                { label: t("sentDay") },
                { label: t("sent"), numeric: true },
                { label: t("reached"), numeric: true },
                { label: t("target"), numeric: true },
                { label: t("coverage"), numeric: true },
              ]}
              rows={campaigns.map((c) => ({
                key: c.id,
                header: c.name,
                cells: [
                  channelLabel(c, locale),
                  formatDay(c.sentDay, locale),
                  n(c.sent),
                  n(c.reached),
                  n(c.targetPopulation),
                  formatPercent(c.coverage, locale),
                ],
              }))}
            />
            <ul className="bars" aria-hidden="true">
              {campaigns.map((c) => (
                <li key={c.id}>
                  <span className="bar-label">
                    {c.name}: {formatPercent(c.coverage, locale)} ({n(c.reached)} / {n(c.targetPopulation)})
                  </span>
                  <span className="bar-track">
                    <span className="bar-fill" style={{ width: `${Math.min(100, (c.coverage ?? 0) * 100)}%` }} />
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {r.channels.every((c) => c.total.impressions === null && c.total.reach === null) ? (
        <p className="empty panel">{t("noDataInRange")}</p>
      ) : (
        <>
          <SummaryTable
            id="reach-totals"
            title={t("reachTotals")}
            summaryName="reach"
            summary={reachLine}
            dataName="reach-totals"
            columns={[
              { label: t("channel") },
              { label: t("impressions"), numeric: true },
              { label: t("reach"), numeric: true },
              { label: t("engagements"), numeric: true },
              { label: t("engagementRate"), numeric: true },
              { label: t("posts"), numeric: true },
              { label: t("perPost"), numeric: true },
            ]}
            rows={r.channels.map((c) => ({
              key: c.accountId,
              header: channelLabel(c, locale),
              cells: [
                n(c.total.impressions),
                n(c.total.reach),
                n(c.total.engagements),
                formatPercent(c.total.engagementRate, locale, 2),
                n(c.total.posts),
                n(c.total.impressionsPerPost),
              ],
            }))}
          />
          <ChartFigure
            id="reach-impressions"
            title={t("reachOverTime")}
            summary={reachLine}
            labels={labels}
            series={charted.map((c) => ({
              label: channelLabel(c, locale),
              values: c.values.map((v) => v.impressions),
            }))}
            bucketHeader={t(`bucket_${range.bucket}`)}
            tableLabel={t("showTable")}
            locale={locale}
            markers={impressionMarkers}
          />
          <ChartFigure
            id="reach-rate"
            title={t("rateOverTime")}
            summary={rateLine}
            labels={labels}
            series={withImpressions.map((c) => ({
              label: channelLabel(c, locale),
              values: c.values.map((v) => v.engagementRate),
            }))}
            bucketHeader={t(`bucket_${range.bucket}`)}
            tableLabel={t("showTable")}
            locale={locale}
            percent
            markers={rateMarkers}
          />
        </>
      )}
    </DashboardView>
  );
}
