"use client";

import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
  type Plugin,
} from "chart.js";
import { Bar, Line } from "react-chartjs-2";
import { SERIES_STYLE } from "@/lib/chartStyle";
import type { TimeChartProps } from "./TimeChart";

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, BarElement, Tooltip, Legend);

/**
 * Series breaks and collection gaps as numbered vertical dashed lines (the numbers are those of the
 * list under the chart), so a gap is never read as a silent zero or a dip. Our own few lines rather
 * than chartjs-plugin-annotation: one kind of mark, drawn the same way in every chart.
 */
const breakMarkers: Plugin<"line" | "bar", { markers?: number[] }> = {
  id: "breakMarkers",
  afterDatasetsDraw(chart, _args, opts) {
    const x = chart.scales.x;
    const { top, bottom } = chart.chartArea;
    if (!x || !opts.markers?.length) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = "#1a1a1a";
    ctx.fillStyle = "#1a1a1a";
    ctx.lineWidth = 1.5;
    ctx.setLineDash([4, 3]);
    ctx.font = "bold 12px sans-serif";
    ctx.textAlign = "center";
    const seen = new Map<number, number>();
    opts.markers.forEach((index, n) => {
      const px =
        x.getPixelForValue(index) - (index > 0 ? (x.getPixelForValue(index) - x.getPixelForValue(index - 1)) / 2 : 0);
      ctx.beginPath();
      ctx.moveTo(px, top);
      ctx.lineTo(px, bottom);
      ctx.stroke();
      const stack = seen.get(index) ?? 0;
      seen.set(index, stack + 1);
      ctx.fillText(String(n + 1), px + 8, top + 12 + 13 * stack);
    });
    ctx.restore();
  },
};

/** The canvas of every time chart in the browser; lib/reports/chartPng.ts draws the same style for e-mail and PDF. */
export default function TimeChartCanvas(props: TimeChartProps) {
  const tick = (v: string | number) =>
    props.percent
      ? Number(v).toLocaleString(props.locale, { style: "percent", maximumFractionDigits: 1 })
      : Number(v).toLocaleString(props.locale);
  const options = {
    animation: false as const,
    maintainAspectRatio: false,
    interaction: { mode: "index" as const, intersect: false },
    plugins: {
      legend: { position: "bottom" as const, labels: { usePointStyle: true } },
      breakMarkers: { markers: props.markers ?? [] },
    },
    scales: { y: { beginAtZero: !props.zoomed, ticks: { callback: tick } } },
  };
  const common = { "aria-label": props.ariaLabel, role: "img", plugins: [breakMarkers] };
  return (
    <div
      className="chart-box"
      data-break-markers={props.markers?.length ?? 0}
      data-axis={props.zoomed ? "zoom" : "zero"}
    >
      {props.kind === "bar" ? (
        <Bar
          {...common}
          data={{
            labels: props.labels,
            // Bars alternate a dark border so neighbouring series differ by more than colour.
            datasets: props.series.map((s, i) => ({
              label: s.label,
              data: s.values,
              backgroundColor: SERIES_STYLE(i).backgroundColor,
              borderColor: "#1a1a1a",
              borderWidth: i % 2,
            })),
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
