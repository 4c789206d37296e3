"use client";

import { CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { Line } from "react-chartjs-2";
import { SERIES_STYLE } from "@/lib/chartStyle";

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Tooltip, Legend);


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
            ...SERIES_STYLE(i),
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
