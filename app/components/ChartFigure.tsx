import { formatNumber, formatPercent, intlLocale, type UiLocale } from "@/lib/format";
import { ChartDownload } from "./ChartDownload";
import { DataTable } from "./DataTable";
import { TimeChart, type TimeChartSeries } from "./TimeChart";

/**
 * A chart with its one-line text summary and its data table (expandable), so every figure can be
 * read without seeing colours or the canvas at all.
 */
export function ChartFigure(props: {
  id: string;
  title: string;
  summary: string;
  labels: string[];
  series: TimeChartSeries[];
  bucketHeader: string;
  tableLabel: string;
  locale: UiLocale;
  kind?: "line" | "bar";
  percent?: boolean;
  signed?: boolean;
}) {
  const fmt = (v: number | null) =>
    props.percent ? formatPercent(v, props.locale) : props.signed && v !== null && v > 0 ? `+${formatNumber(v, props.locale)}` : formatNumber(v, props.locale);
  return (
    <figure className="panel" id={props.id} aria-labelledby={`${props.id}-title`}>
      <figcaption>
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        <p className="summary" data-summary={props.id}>{props.summary}</p>
      </figcaption>
      <TimeChart kind={props.kind} labels={props.labels} series={props.series} ariaLabel={`${props.title}. ${props.summary}`} locale={intlLocale(props.locale)} percent={props.percent} />
      <ChartDownload figureId={props.id} title={props.title} period={props.labels.length ? `${props.labels[0]} – ${props.labels[props.labels.length - 1]}` : ""} locale={props.locale} />
      <details>
        <summary>{props.tableLabel}</summary>
        <DataTable
          caption={props.title}
          captionHidden
          dataName={props.id}
          columns={[{ label: props.bucketHeader }, ...props.series.map((s) => ({ label: s.label, numeric: true }))]}
          rows={props.labels.map((label, row) => ({ key: `${row}`, header: label, cells: props.series.map((s) => fmt(s.values[row] ?? null)) }))}
        />
      </details>
    </figure>
  );
}
