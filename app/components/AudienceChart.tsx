"use client";

import { CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { Line } from "react-chartjs-2";

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Tooltip, Legend);

// Okabe–Ito: distinguishable with the common colour-vision deficiencies. Each series also gets
// its own point shape and dash pattern, so colour is never the only cue.
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
const SHAPES = ["circle", "rect", "triangle", "rectRot", "cross", "star", "crossRot"] as const;
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 2]];

export type ChartSeries = { label: string; values: (number | null)[] };

export function AudienceChart(props: { labels: string[]; series: ChartSeries[]; ariaLabel: string; locale: string }) {
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
            pointRadius: 2,
            borderWidth: 2,
            spanGaps: false, // a week without collection is drawn as a gap, never as zero
          })),
        }}
        options={{
          animation: false,
          maintainAspectRatio: false,
          interaction: { mode: "index", intersect: false },
          plugins: { legend: { position: "bottom", labels: { usePointStyle: true } } },
          scales: { y: { ticks: { callback: (v) => Number(v).toLocaleString(props.locale) } } },
        }}
      />
    </div>
  );
}
