import type { ChartMarker } from "@/lib/dashboard/seriesNotes";
import { formatNumber, formatPercent, intlLocale, type UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";
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
  /** Long series: the table comes on demand (a link), one page of rows at a time, with links to the others. */
  tablePages?: { page: number | null; hrefOf: (page: number) => string };
  /** Breaks and gaps: marked on the chart, listed under it and noted in the table's rows. */
  markers?: ChartMarker[];
  /** Offer the zoomed y-axis (growth charts): `zoomed` says which is shown, the caption states it. */
  zoomed?: boolean;
  axisNote?: boolean;
}) {
  const c = translator(props.locale, "compare");
  const m = translator(props.locale, "tables");
  const takeaway = translator(props.locale, "takeaway");
  const markers = props.markers ?? [];
  const notesAt = (row: number) =>
    markers
      .map((mk, i) => ({ ...mk, n: i + 1 }))
      .filter((mk) => mk.index === row)
      .map((mk) => `${mk.n}. ${mk.label}`)
      .join(" · ");
  const fmt = (v: number | null) =>
    props.percent
      ? formatPercent(v, props.locale)
      : props.signed && v !== null && v > 0
        ? `+${formatNumber(v, props.locale)}`
        : formatNumber(v, props.locale);
  const rowCount = props.labels.length;
  const paged = props.tablePages && rowCount > TABLE_PAGE_ROWS ? pageOf(rowCount, props.tablePages.page) : null;
  // Only the rows shown are formatted: none while a long table waits behind its link, one page when asked.
  const shown = paged ? (props.tablePages!.page === null ? [0, 0] : [paged.start, paged.end]) : [0, rowCount];
  const rows = props.labels.slice(shown[0], shown[1]).map((label, i) => {
    const row = shown[0]! + i;
    return {
      key: `${row}`,
      header: label,
      cells: [
        ...props.series.map((s) => fmt(s.values[row] ?? null)),
        ...(markers.length ? [{ node: notesAt(row) ? <span data-break-row>{notesAt(row)}</span> : "" }] : []),
      ],
    };
  });
  return (
    <figure className="panel" id={props.id} aria-labelledby={`${props.id}-title`}>
      <figcaption>
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        <p className="summary" data-summary={props.id}>
          {props.summary}
        </p>
        {props.axisNote && (
          <p className="meta" data-axis-note={props.zoomed ? "zoom" : "zero"}>
            {props.zoomed ? c("axisZoomedNote") : c("axisZeroNote")}
          </p>
        )}
      </figcaption>
      <TimeChart
        kind={props.kind}
        labels={props.labels}
        series={props.series}
        ariaLabel={`${props.title}. ${props.summary}${markers.length ? ` ${c("breaksTitle")}: ${markers.map((mk) => mk.label).join("; ")}.` : ""}`}
        locale={intlLocale(props.locale)}
        percent={props.percent}
        markers={markers.map((mk) => mk.index)}
        zoomed={props.zoomed}
      />
      {markers.length > 0 && (
        <div className="chart-breaks">
          <h3>{c("breaksTitle")}</h3>
          <p className="meta">{c("breakMarkerHelp")}</p>
          <ol data-chart-breaks={props.id}>
            {markers.map((mk, i) => (
              <li key={i}>
                {props.labels[mk.index]}: {mk.label}
              </li>
            ))}
          </ol>
        </div>
      )}
      <ChartDownload
        figureId={props.id}
        title={props.title}
        period={props.labels.length ? `${props.labels[0]} – ${props.labels[props.labels.length - 1]}` : ""}
        texts={{ png: takeaway("png"), source: takeaway("source") }}
      />
      <details open={paged !== null && props.tablePages!.page !== null}>
        <summary>{props.tableLabel}</summary>
        {paged && props.tablePages!.page === null ? (
          // Long series: the table is sent on demand, a page at a time, not with every view of the chart.
          <p>
            <a href={props.tablePages!.hrefOf(paged.count)}>
              {m("showRows", { from: paged.start + 1, to: paged.end, all: rowCount })}
            </a>
          </p>
        ) : (
          <DataTable
            caption={props.title}
            captionHidden
            dataName={props.id}
            columns={[
              { label: props.bucketHeader },
              ...props.series.map((s) => ({ label: s.label, numeric: true, name: s.key })),
              ...(markers.length ? [{ label: c("breakNote") }] : []),
            ]}
            rows={rows}
          />
        )}
        {paged && props.tablePages!.page !== null && (
          <nav aria-label={`${props.title}: ${m("pages")}`} className="table-pages">
            <p>{m("rowsOf", { from: paged.start + 1, to: paged.end, all: rowCount })}</p>
            {paged.page > 1 && <a href={props.tablePages!.hrefOf(paged.page - 1)}>{m("earlier")}</a>}{" "}
            {paged.page < paged.count && <a href={props.tablePages!.hrefOf(paged.page + 1)}>{m("later")}</a>}
          </nav>
        )}
      </details>
    </figure>
  );
}

/** A year of weeks: the HTML of a five-year table stays small (the whole series is in the chart and the CSV). */
export const TABLE_PAGE_ROWS = 53;

function pageOf(rows: number, wanted: number | null) {
  const count = Math.ceil(rows / TABLE_PAGE_ROWS);
  const page = Math.min(Math.max(wanted ?? count, 1), count);
  // Pages end at the latest row, so the default (last) page is always a full one.
  const end = rows - (count - page) * TABLE_PAGE_ROWS;
  return { page, count, start: Math.max(0, end - TABLE_PAGE_ROWS), end };
}
