import { translator } from "@/lib/intl";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChartFigure } from "@/app/components/ChartFigure";
import { DataTable } from "@/app/components/DataTable";
import { db } from "@/lib/db/client";
import { formatDay, formatMonth, formatNumber, formatPercent } from "@/lib/format";
import { platformLabel } from "@/lib/intl/labels";
import { getPublicTransparency, LINK_STATUSES } from "@/lib/public/transparency";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

async function load(props: Props) {
  const { slug } = await props.params;
  if (slug.length > 100) notFound();
  const p = await getPublicTransparency(db(), slug);
  if (!p) notFound();
  return p;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const p = await load(props);
  return { title: translator(p.agency.locale, "public")("title", { name: p.agency.name }) };
}

/** An agency's public transparency page: the figures of lib/public/transparency.ts, readable without signing in. */
export default async function PublicPage(props: Props) {
  const p = await load(props);
  const locale = p.agency.locale;
  const t = translator(locale, "public");
  const stages = [
    "replies",
    "inputs",
    "linked",
    "reviewed",
    "forwarded",
    "reached",
    "implemented",
    "declined",
  ] as const;
  return (
    <main id="main" lang={locale} className="public-page">
      <h1>{t("title", { name: p.agency.name })}</h1>
      <p>{t("intro")}</p>
      <p>{t("period", { from: formatDay(p.period.from, locale), to: formatDay(p.period.to, locale) })}</p>
      <nav aria-label={t("downloads")}>
        <p>
          {t("downloads")}:{" "}
          <a href={`/public/${p.agency.slug}/data.csv`} download>
            {t("csv")}
          </a>{" "}
          · <a href={`/public/${p.agency.slug}/data.json`}>{t("json")}</a>
        </p>
      </nav>

      <section className="panel" aria-labelledby="public-channels">
        <h2 id="public-channels">{t("channels")}</h2>
        {p.channels.length === 0 ? (
          <p>{t("noChannels")}</p>
        ) : (
          <DataTable
            caption={t("channels")}
            captionHidden
            dataName="public-channels"
            columns={[
              { label: t("channel") },
              { label: t("platform") },
              { label: t("audience"), numeric: true },
              { label: t("measuredOn") },
            ]}
            rows={p.channels.map((c, i) => ({
              key: `${i}`,
              header: c.name,
              cells: [
                platformLabel(c.platform, locale),
                formatNumber(c.audience, locale),
                c.audienceDay ? formatDay(c.audienceDay, locale) : "–",
              ],
            }))}
          />
        )}
      </section>

      {p.audience.series.length === 0 ? (
        <p className="panel">{t("noAudience")}</p>
      ) : (
        <ChartFigure
          id="public-audience"
          title={t("audienceOverTime")}
          summary={t("audienceSummary", { n: p.audience.series.length })}
          labels={p.audience.months.map((m) => formatMonth(m, locale))}
          series={p.audience.series.map((s) => ({
            label: `${s.name} (${platformLabel(s.platform, locale)})`,
            values: s.values,
          }))}
          bucketHeader={t("month")}
          tableLabel={t("showTable")}
          locale={locale}
        />
      )}

      <section className="panel" aria-labelledby="public-campaigns">
        <h2 id="public-campaigns">{t("campaigns")}</h2>
        {p.campaigns.length === 0 ? (
          <p>{t("noCampaigns")}</p>
        ) : (
          <DataTable
            caption={t("campaigns")}
            captionHidden
            dataName="public-campaigns"
            columns={[
              { label: t("campaign") },
              { label: t("sentDay") },
              { label: t("reached"), numeric: true },
              { label: t("target"), numeric: true },
              { label: t("coverage"), numeric: true },
            ]}
            rows={p.campaigns.map((c, i) => ({
              key: `${i}`,
              header: c.name,
              cells: [
                formatDay(c.sentDay, locale),
                formatNumber(c.reached, locale),
                formatNumber(c.targetPopulation, locale),
                formatPercent(c.coverage, locale),
              ],
            }))}
          />
        )}
      </section>

      <section className="panel" aria-labelledby="public-inputs">
        <h2 id="public-inputs">{t("inputs")}</h2>
        <p>{t("inputsIntro")}</p>
        <DataTable
          caption={t("inputs")}
          captionHidden
          dataName="public-inputs"
          columns={[{ label: t("stage") }, { label: t("count"), numeric: true }]}
          rows={[
            ...stages.map((s) => ({ key: s, header: t(`stage_${s}`), cells: [formatNumber(p.inputs[s], locale)] })),
            {
              key: "median",
              header: t("medianDays"),
              cells: [
                p.inputs.medianDaysToDecision === null
                  ? "–"
                  : p.inputs.medianDaysToDecision.toLocaleString(
                      locale === "en" ? "en-GB" : locale === "sv" ? "sv-SE" : "nb-NO",
                    ),
              ],
            },
          ]}
        />
        <h3>{t("workItems")}</h3>
        {p.workItems.length === 0 ? (
          <p>{t("noWorkItems")}</p>
        ) : (
          <DataTable
            caption={t("workItems")}
            captionHidden
            dataName="public-work-items"
            columns={[
              { label: t("workItem") },
              { label: t("inputsCount"), numeric: true },
              ...LINK_STATUSES.map((s) => ({ label: t(`status.${s}`), numeric: true })),
            ]}
            rows={p.workItems.map((w, i) => ({
              key: `${i}`,
              header: w.title,
              cells: [formatNumber(w.inputs, locale), ...LINK_STATUSES.map((s) => formatNumber(w.byStatus[s], locale))],
            }))}
          />
        )}
      </section>
      <p className="source">{t("source")}</p>
    </main>
  );
}
