"use client";

import dynamic from "next/dynamic";

export type FunnelChartProps = {
  labels: string[];
  values: number[];
  ariaLabel: string;
  seriesLabel: string;
  locale: string;
};

// Chart.js loads after the page, in the browser only (see app/components/TimeChart.tsx).
const Canvas = dynamic(() => import("./FunnelChartCanvas"), {
  ssr: false,
  loading: () => <div className="chart-box" aria-busy="true" />,
});

/** The funnel from inputs to policy work as horizontal bars; the page shows the same figures as a table. */
export function FunnelChart(props: FunnelChartProps) {
  return <Canvas {...props} />;
}
