"use client";

import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { Bar, Line } from "react-chartjs-2";
import { SERIES_STYLE } from "@/lib/chartStyle";

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, BarElement, Tooltip, Legend);

import type { TimeChartProps } from "./TimeChart";

/** The canvas of every time chart in the browser; lib/reports/chartPng.ts draws the same style for e-mail and PDF. */
export default function TimeChartCanvas(props: TimeChartProps) {
  const tick = (v: string | number) =>
    props.percent ? Number(v).toLocaleString(props.locale, { style: "percent", maximumFractionDigits: 1 }) : Number(v).toLocaleString(props.locale);
  const options = {
    animation: false as const,
    maintainAspectRatio: false,
    interaction: { mode: "index" as const, intersect: false },
    plugins: { legend: { position: "bottom" as const, labels: { usePointStyle: true } } },
    scales: { y: { ticks: { callback: tick } } },
  };
  const common = { "aria-label": props.ariaLabel, role: "img" };
  return (
    <div className="chart-box">
      {props.kind === "bar" ? (
        <Bar
          {...common}
          data={{
            labels: props.labels,
            // Bars alternate a dark border so neighbouring series differ by more than colour.
            datasets: props.series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: SERIES_STYLE(i).backgroundColor, borderColor: "#1a1a1a", borderWidth: i % 2 })),
          }}
          options={options}
        />
      ) : (
        <Line
          {...common}
          data={{
            labels: props.labels,
            datasets: props.series.map((s, i) => ({
              label: s.label,
              data: s.values,
              ...SERIES_STYLE(i),
              pointRadius: props.labels.length > 120 ? 0 : 2,
              borderWidth: 2,
              spanGaps: false, // a bucket without collection is drawn as a gap, never as zero
            })),
          }}
          options={options}
        />
      )}
    </div>
  );
}
