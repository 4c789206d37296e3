"use client";

import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { Bar, Line } from "react-chartjs-2";

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, BarElement, Tooltip, Legend);

// Okabe–Ito: distinguishable with the common colour-vision deficiencies. Each series also gets
// its own point shape, dash pattern or hatch-free border width, so colour is never the only cue.
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
const SHAPES = ["circle", "rect", "triangle", "rectRot", "cross", "star", "crossRot"] as const;
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 2]];

export type TimeChartSeries = { label: string; values: (number | null)[] };

export function TimeChart(props: {
  kind?: "line" | "bar";
  labels: string[];
  series: TimeChartSeries[];
  ariaLabel: string;
  locale: string;
  percent?: boolean;
}) {
  const tick = (v: string | number) =>
    props.percent ? Number(v).toLocaleString(props.locale, { style: "percent", maximumFractionDigits: 1 }) : Number(v).toLocaleString(props.locale);
  const options = {
    animation: false as const,
    maintainAspectRatio: false,
    interaction: { mode: "index" as const, intersect: false },
    plugins: { legend: { position: "bottom" as const, labels: { usePointStyle: true } } },
    scales: { y: { ticks: { callback: tick } } },
  };
  if (props.kind === "bar") {
    return (
      <div className="chart-box">
        <Bar
          aria-label={props.ariaLabel}
          role="img"
          data={{
            labels: props.labels,
            datasets: props.series.map((s, i) => ({
              label: s.label,
              data: s.values,
              backgroundColor: COLOURS[i % COLOURS.length],
              borderColor: "#1a1a1a",
              borderWidth: i % 2,
              pointStyle: SHAPES[i % SHAPES.length],
            })),
          }}
          options={options}
        />
      </div>
    );
  }
  return (
    <div className="chart-box">
      <Line
        aria-label={props.ariaLabel}
        role="img"
        data={{
          labels: props.labels,
          datasets: props.series.map((s, i) => ({
            label: s.label,
            data: s.values,
            borderColor: COLOURS[i % COLOURS.length],
            backgroundColor: COLOURS[i % COLOURS.length],
            borderDash: DASHES[i % DASHES.length],
            pointStyle: SHAPES[i % SHAPES.length],
            pointRadius: props.labels.length > 120 ? 0 : 2,
            borderWidth: 2,
            spanGaps: false, // a bucket without collection is drawn as a gap, never as zero
          })),
        }}
        options={options}
      />
    </div>
  );
}
