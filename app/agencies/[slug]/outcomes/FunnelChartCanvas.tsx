"use client";

import { BarElement, CategoryScale, Chart as ChartJS, LinearScale, Tooltip } from "chart.js";
import { Bar } from "react-chartjs-2";
import type { FunnelChartProps } from "./FunnelChart";

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip);

/**
 * The funnel from inputs to policy work as horizontal bars. One series, labelled on the axis, so
 * colour carries no meaning; the page shows the same figures as a table.
 */
export default function FunnelChartCanvas(props: FunnelChartProps) {
  return (
    <div className="chart-box">
      <Bar
        aria-label={props.ariaLabel}
        role="img"
        data={{
          labels: props.labels,
          datasets: [
            {
              label: props.seriesLabel,
              data: props.values,
              backgroundColor: "#0072B2",
              borderColor: "#000000",
              borderWidth: 1,
            },
          ],
        }}
        options={{
          indexAxis: "y",
          animation: false,
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: {
            x: { beginAtZero: true, ticks: { precision: 0, callback: (v) => Number(v).toLocaleString(props.locale) } },
          },
        }}
      />
    </div>
  );
}
