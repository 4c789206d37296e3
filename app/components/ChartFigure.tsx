import type { ChartMarker } from "@/lib/dashboard/seriesNotes";
import { formatNumber, formatPercent, intlLocale, type UiLocale } from "@/lib/format";
import { compareMessages } from "@/lib/i18nCompare";
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
  /** Breaks and gaps: marked on the chart, listed under it and noted in the table's rows. */
  markers?: ChartMarker[];
  /** Offer the zoomed y-axis (growth charts): `zoomed` says which is shown, the caption states it. */
  zoomed?: boolean;
  axisNote?: boolean;
}) {
  const c = compareMessages(props.locale);
  const markers = props.markers ?? [];
  const notesAt = (row: number) => markers.map((m, i) => ({ ...m, n: i + 1 })).filter((m) => m.index === row).map((m) => `${m.n}. ${m.label}`).join(" · ");
  const fmt = (v: number | null) =>
    props.percent ? formatPercent(v, props.locale) : props.signed && v !== null && v > 0 ? `+${formatNumber(v, props.locale)}` : formatNumber(v, props.locale);
  return (
    <figure className="panel" aria-labelledby={`${props.id}-title`}>
      <figcaption>
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        <p className="summary" data-summary={props.id}>{props.summary}</p>
        {props.axisNote && <p className="meta" data-axis-note={props.zoomed ? "zoom" : "zero"}>{props.zoomed ? c.axisZoomedNote : c.axisZeroNote}</p>}
      </figcaption>
      <TimeChart
        kind={props.kind} labels={props.labels} series={props.series} ariaLabel={`${props.title}. ${props.summary}${markers.length ? ` ${c.breaksTitle}: ${markers.map((m) => m.label).join("; ")}.` : ""}`}
        locale={intlLocale(props.locale)} percent={props.percent} markers={markers.map((m) => m.index)} zoomed={props.zoomed}
      />
      {markers.length > 0 && (
        <div className="chart-breaks">
          <h3>{c.breaksTitle}</h3>
          <p className="meta">{c.breakMarkerHelp}</p>
          <ol data-chart-breaks={props.id}>{markers.map((m, i) => <li key={i}>{props.labels[m.index]}: {m.label}</li>)}</ol>
        </div>
      )}
      <details>
        <summary>{props.tableLabel}</summary>
        <DataTable
          caption={props.title}
          captionHidden
          dataName={props.id}
          columns={[{ label: props.bucketHeader }, ...props.series.map((s) => ({ label: s.label, numeric: true })), ...(markers.length ? [{ label: c.breakNote }] : [])]}
          rows={props.labels.map((label, row) => ({
            key: `${row}`, header: label,
            cells: [...props.series.map((s) => fmt(s.values[row] ?? null)), ...(markers.length ? [{ node: notesAt(row) ? <span data-break-row>{notesAt(row)}</span> : "" }] : [])],
          }))}
        />
      </details>
    </figure>
  );
}
