import { ComparisonPanel } from "@/app/components/ComparisonPanel";
import { DataTable } from "@/app/components/DataTable";
import { FilterForm } from "@/app/components/FilterForm";
import { db } from "@/lib/db/client";
import { comparableAgencies } from "@/lib/dashboard/hierarchy";
import { dashboardContext, type PageProps } from "@/lib/dashboard/pageContext";
import { formatNumber, formatPercent } from "@/lib/format";
import { listVisibleAgencies } from "@/lib/permissions/access";
import { getReusedAgencyComparison } from "@/lib/queries/getAgencyComparison";

export const dynamic = "force-dynamic";

export default async function ComparePage(props: PageProps) {
  const ctx = await dashboardContext(props);
  const { agency, locale, t, range, filters } = ctx;
  const wanted = ctx.search.agency === undefined ? undefined : ([] as string[]).concat(ctx.search.agency);
  const { offered, chosen } = comparableAgencies(agency, await listVisibleAgencies(), wanted);
  const rows = await getReusedAgencyComparison(db(), chosen, range);
  const n = (v: number | null) => formatNumber(v === null ? null : Math.round(v), locale);
  const fastest = [...rows].filter((r) => r.growthShare !== null).sort((a, b) => b.growthShare! - a.growthShare!)[0];
  const line = fastest
    ? t("compareSummary", { name: fastest.name, pct: formatPercent(fastest.growthShare, locale) })
    : ctx.summaryUnavailable;
  const chosenIds = new Set(chosen.map((a) => a.id));
  return (
    <div lang={locale}>
      <h1>
        {agency.name} – {t("nav_compare")}
      </h1>
      <FilterForm
        locale={locale}
        filters={{ ...filters, channel: undefined }}
        range={range}
        errors={ctx.errors}
        notices={ctx.notices}
        showBucket={false}
        extra={
          <fieldset>
            <legend>{t("chooseAgencies")}</legend>
            {offered.map((a) => (
              <label key={a.id} className="check">
                <input type="checkbox" name="agency" value={a.slug} defaultChecked={chosenIds.has(a.id)} /> {a.name}
              </label>
            ))}
          </fieldset>
        }
      />
      <ComparisonPanel
        agency={agency}
        scope={ctx.scope}
        filters={filters}
        by="agency"
        agencies={chosen.map((a) => a.slug)}
      />
      <section className="panel" aria-labelledby="compare-title">
        <h2 id="compare-title">{t("compareTitle")}</h2>
        <p className="meta">{t("compareHelp")}</p>
        <p className="summary" data-summary="compare">
          {line}
        </p>
        <DataTable
          caption={t("compareTitle")}
          captionHidden
          dataName="compare"
          columns={[
            { label: t("agency") },
            { label: t("channels"), numeric: true },
            { label: t("compareAudience"), numeric: true },
            { label: t("growthPct"), numeric: true },
            { label: t("impressions"), numeric: true },
            { label: t("posts"), numeric: true },
            { label: t("perPost"), numeric: true },
            { label: t("replies"), numeric: true },
          ]}
          rows={rows.map((r) => ({
            key: r.agencyId,
            header: r.name,
            cells: [
              String(r.channels),
              n(r.audience),
              formatPercent(r.growthShare, locale),
              n(r.impressions),
              n(r.posts),
              n(r.impressionsPerPost),
              n(r.replies),
            ],
          }))}
        />
      </section>
    </div>
  );
}
