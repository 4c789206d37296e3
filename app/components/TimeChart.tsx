"use client";

import dynamic from "next/dynamic";

/** `key`: a stable name of the series (channel id, platform), the `data-col` of its column in the data table. */
export type TimeChartSeries = { label: string; values: (number | null)[]; key?: string };
export type TimeChartProps = {
  kind?: "line" | "bar";
  labels: string[];
  series: TimeChartSeries[];
  ariaLabel: string;
  locale: string;
  percent?: boolean;
  /** Bucket indexes of breaks and gaps, in the order of the list under the chart. */
  markers?: number[];
  /** The y-axis zoomed to the values instead of starting at 0 (the caption says so). */
  zoomed?: boolean;
};

// Chart.js is most of a chart page's JavaScript: it loads after the page, in the browser only.
// Until then the box keeps its size; the figures are already on the page in the table beside it.
const Canvas = dynamic(() => import("./TimeChartCanvas"), {
  ssr: false,
  loading: () => <div className="chart-box" aria-busy="true" />,
});

/** Every time chart in the browser. */
export function TimeChart(props: TimeChartProps) {
  return <Canvas {...props} />;
}
