import { createCanvas } from "@napi-rs/canvas";
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Title } from "chart.js";
import { SERIES_STYLE } from "@/lib/chartStyle";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Title);

/** A line chart as PNG, drawn by Chart.js on a server-side canvas (for e-mail and PDF). */
export async function renderLineChartPng(input: {
  title: string;
  labels: string[];
  series: { label: string; values: (number | null)[] }[];
  locale: string;
}): Promise<Buffer> {
  const canvas = createCanvas(800, 360);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, 800, 360);
  const chart = new Chart(ctx as unknown as CanvasRenderingContext2D, {
    type: "line",
    data: {
      labels: input.labels,
      datasets: input.series.map((s, i) => ({
        label: s.label,
        data: s.values,
        spanGaps: false,
        borderWidth: 2,
        pointRadius: 3,
        ...SERIES_STYLE(i),
      })),
    },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      plugins: {
        title: { display: true, text: input.title },
        legend: { position: "bottom", labels: { usePointStyle: true } },
      },
      scales: { y: { ticks: { callback: (v) => Number(v).toLocaleString(input.locale) } } },
    },
  });
  const png = await canvas.encode("png");
  chart.destroy();
  return png;
}
