"use client";

/**
 * Downloads the chart of figure `figureId` as PNG: the Chart.js canvas as drawn, on a white sheet
 * with the title, the period and a source line, so the image still says what it is when pasted elsewhere.
 */
export function ChartDownload(props: {
  figureId: string;
  title: string;
  period: string;
  /** Translated on the server (namespace "takeaway"): a client component never loads the message files. */
  texts: { png: string; source: string };
}) {
  const t = props.texts;
  const download = () => {
    const chart = document.getElementById(props.figureId)?.querySelector("canvas");
    if (!chart) return;
    const scale = Math.max(1, chart.width / Math.max(1, chart.clientWidth));
    const pad = 24 * scale;
    const out = document.createElement("canvas");
    out.width = chart.width + 2 * pad;
    out.height = chart.height + 2 * pad + 90 * scale;
    const ctx = out.getContext("2d")!;
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = "#1a1a1a";
    ctx.textBaseline = "top";
    ctx.font = `bold ${22 * scale}px Arial, Helvetica, sans-serif`;
    ctx.fillText(props.title, pad, pad, out.width - 2 * pad);
    ctx.font = `${15 * scale}px Arial, Helvetica, sans-serif`;
    ctx.fillStyle = "#3d3d3d";
    ctx.fillText(props.period, pad, pad + 30 * scale, out.width - 2 * pad);
    ctx.drawImage(chart, pad, pad + 58 * scale);
    ctx.font = `${13 * scale}px Arial, Helvetica, sans-serif`;
    ctx.fillText(`${t.source} · ${window.location.host}`, pad, out.height - pad - 14 * scale, out.width - 2 * pad);
    out.toBlob((blob) => {
      if (!blob) return;
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `${
        props.title
          .toLowerCase()
          .replace(/[^a-z0-9æøåäö]+/gi, "-")
          .replace(/^-|-$/g, "") || "chart"
      }.png`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    }, "image/png");
  };
  return (
    <button type="button" className="secondary chart-download" onClick={download}>
      {t.png}
      <span className="visually-hidden">: {props.title}</span>
    </button>
  );
}
