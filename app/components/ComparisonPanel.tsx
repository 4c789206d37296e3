import { db } from "@/lib/db/client";
import { filtersToParams, type Filters } from "@/lib/dashboard/filters";
import { formatChange, formatDay, formatNumber, formatPercent } from "@/lib/format";
import { translator } from "@/lib/intl";
import type { Scope } from "@/lib/metrics/scope";
import type { VisibleAgency } from "@/lib/permissions/access";
import { COMPARED_METRICS, type ComparedValue } from "@/lib/queries/getPeriodComparison";
import { comparisonOf } from "@/lib/queries/getComparisonView";
import { DataTable } from "./DataTable";

/**
 * The chosen period beside the previous one or the same one last year (`compare=previous|year`),
 * absolute and in %, with both periods' dates and a note when a part period is compared (with the
 * same part of the other). Renders nothing when no comparison was asked for.
 */
export async function ComparisonPanel(props: {
  agency: VisibleAgency;
  scope: Scope;
  filters: Filters;
  by?: "channel" | "agency";
  agencies?: string[];
}) {
  const { scope } = props;
  const locale = scope.lang;
  const c = translator(locale, "compare");
  if (!props.filters.compare) return null;
  const by = props.by ?? "channel";
  const result = await comparisonOf(db(), { agency: props.agency, scope, extra: { by, agency: props.agencies } });
  if (!result)
    return (
      <section className="panel" aria-labelledby="comparison-title">
        <h2 id="comparison-title">{c("comparisonTitle")}</h2>
        <p data-comparison-unavailable>{c("comparisonUnavailable")}</p>
      </section>
    );
  const p = result.comparison;
  const label = (x: { from: string; to: string }) =>
    c("periodLabel", {
      from: formatDay(x.from, locale),
      to: formatDay(x.to, locale),
      days: 1 + Math.round((Date.parse(x.to) - Date.parse(x.from)) / 86_400_000),
    });
  const current = `${c("chosen")}: ${label(p.current)}`;
  const other = `${c(`compare_${p.mode}`)}: ${label(p.other)}`;
  const n = (v: number | null) => formatNumber(v === null ? null : Math.round(v), locale);
  const cell = (name: string, value: number | null, text: string) => ({
    node: (
      <span data-cmp={name} data-value={value ?? ""}>
        {text}
      </span>
    ),
  });
  const cells = (metric: string, v: ComparedValue) => [
    cell(`${metric}-current`, v.current, n(v.current)),
    cell(`${metric}-other`, v.other, n(v.other)),
    cell(`${metric}-change`, v.change, formatChange(v.change === null ? null : Math.round(v.change), locale)),
    cell(`${metric}-pct`, v.changeShare, formatPercent(v.changeShare, locale)),
  ];
  const params = filtersToParams(props.filters);
  if (by === "agency") {
    params.set("by", "agency");
    for (const a of props.agencies ?? []) params.append("agency", a);
  }
  return (
    <section
      className="panel"
      aria-labelledby="comparison-title"
      data-comparison={p.mode}
      data-current={`${p.current.from}/${p.current.to}`}
      data-other={`${p.other.from}/${p.other.to}`}
    >
      <h2 id="comparison-title">{c("comparisonTitle")}</h2>
      <p className="summary">
        {current} · {other}
      </p>
      {p.partial && (
        <p className="meta" data-comparison-partial>
          {c("partialNote", { days: p.days })} {p.todayLeftOut && c("todayLeftOut")}
        </p>
      )}
      <DataTable
        caption={`${c("comparisonTitle")}: ${current} · ${other}`}
        captionHidden
        dataName="comparison-total"
        columns={[
          { label: c("metric") },
          { label: `${c("chosen")} (${label(p.current)})`, numeric: true },
          { label: `${c(`compare_${p.mode}`)} (${label(p.other)})`, numeric: true },
          { label: c("difference"), numeric: true },
          { label: c("differencePct"), numeric: true },
        ]}
        rows={[
          ...COMPARED_METRICS.map((k) => ({
            key: k,
            header: c(`metric_${k}`),
            cells: cells(k, result.total.values[k]),
          })),
          ...(result.campaigns && (result.campaigns.sent.current || result.campaigns.sent.other)
            ? (["sent", "reached", "coverage"] as const).map((k) => {
                const v = result.campaigns![k];
                if (k !== "coverage")
                  return { key: `campaign-${k}`, header: c(`campaign_${k}`), cells: cells(`campaign-${k}`, v) };
                const points =
                  v.change === null
                    ? "–"
                    : `${v.change > 0 ? "+" : ""}${formatNumber(Math.round(v.change * 1000) / 10, locale)} ${c("percentPoints")}`;
                return {
                  key: "campaign-coverage",
                  header: c("campaign_coverage"),
                  cells: [
                    cell("campaign-coverage-current", v.current, formatPercent(v.current, locale)),
                    cell("campaign-coverage-other", v.other, formatPercent(v.other, locale)),
                    cell("campaign-coverage-change", v.change, points),
                    cell("campaign-coverage-pct", v.changeShare, formatPercent(v.changeShare, locale)),
                  ],
                };
              })
            : []),
        ]}
      />
      <p className="meta">{c("channelsNote")}</p>
      {result.groups.length > 1 && (
        <details>
          <summary>
            {c("perGroup", { count: result.groups.length, group: by === "agency" ? "agency" : "channel" })}
          </summary>
          <DataTable
            caption={c("comparisonTitle")}
            captionHidden
            dataName="comparison-groups"
            columns={[
              { label: c("perGroup", { count: result.groups.length, group: by === "agency" ? "agency" : "channel" }) },
              ...(["audience", "impressions", "replies"] as const).flatMap((k) => [
                { label: `${c(`metric_${k}`)} – ${c("chosen")}`, numeric: true },
                { label: `${c(`metric_${k}`)} – ${c(`compare_${p.mode}`)}`, numeric: true },
                { label: `${c(`metric_${k}`)} – ${c("differencePct")}`, numeric: true },
              ]),
            ]}
            rows={result.groups.map((g) => ({
              key: g.key,
              header: result.labels.get(g.key) ?? g.key,
              cells: (["audience", "impressions", "replies"] as const).flatMap((k) => [
                n(g.values[k].current),
                n(g.values[k].other),
                formatPercent(g.values[k].changeShare, locale),
              ]),
            }))}
          />
        </details>
      )}
      <p>
        <a href={`/api/agencies/${props.agency.slug}/export/comparison?${params}`} download>
          {c("comparisonCsv")}
        </a>
      </p>
    </section>
  );
}
