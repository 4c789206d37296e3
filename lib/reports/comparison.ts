import { platformLabel } from "@/lib/intl/labels";
import { eventText } from "@/lib/dashboard/seriesNotes";
import { formatChange, formatDay, formatNumber, formatPercent, type UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";
import type { ComparedMetric } from "@/lib/queries/getPeriodComparison";
import type { WeeklyReportData } from "./data";
import { html } from "./html";

const CELL = "padding:4px 8px;border-bottom:1px solid #c9d1d9;text-align:left";
const NUM = "padding:4px 8px;border-bottom:1px solid #c9d1d9;text-align:right";
const METRICS: ComparedMetric[] = ["audience", "audienceChange", "impressions", "replies", "posts"];

const span = (p: { from: string; to: string }, locale: UiLocale) =>
  `${formatDay(p.from, locale)}–${formatDay(p.to, locale)}`;

/** The week beside the week before and the same week last year: one row per metric, absolute and %. */
export function comparisonRows(data: WeeklyReportData) {
  const { previous, year } = data.compared;
  return METRICS.map((k) => ({
    metric: k,
    week: previous.total.values[k].current,
    previous: previous.total.values[k],
    year: year.total.values[k],
  }));
}

export function comparisonHtml(data: WeeklyReportData) {
  const locale = data.agency.locale;
  const c = translator(locale, "compare");
  const { previous, year } = data.compared;
  const n = (v: number | null) => formatNumber(v === null ? null : Math.round(v), locale);
  const ch = (v: number | null) => formatChange(v === null ? null : Math.round(v), locale);
  return html`<h2 style="font-size:18px">${c("comparisonTitle")}</h2>
<table style="border-collapse:collapse;width:100%" data-report="comparison">
<thead><tr><th style="${CELL}">${c("metric")}</th><th style="${NUM}">${span(previous.comparison.current, locale)}</th><th style="${NUM}">${c("compare_previous")} (${span(previous.comparison.other, locale)})</th><th style="${NUM}">${c("differencePct")}</th><th style="${NUM}">${c("compare_year")} (${span(year.comparison.other, locale)})</th><th style="${NUM}">${c("differencePct")}</th></tr></thead>
<tbody>${comparisonRows(data).map((r) => html`<tr><td style="${CELL}">${c(`metric_${r.metric}`)}</td><td style="${NUM}">${n(r.week)}</td><td style="${NUM}">${n(r.previous.other)} (${ch(r.previous.change)})</td><td style="${NUM}">${formatPercent(r.previous.changeShare, locale)}</td><td style="${NUM}">${n(r.year.other)} (${ch(r.year.change)})</td><td style="${NUM}">${formatPercent(r.year.changeShare, locale)}</td></tr>`)}</tbody>
</table>
<p style="color:#4a4a4a;font-size:13px">${c("channelsNote")}</p>`;
}

/** Breaks and gaps of the chart's 12 weeks in words: the chart draws a gap there, never a zero. */
export function trendEventLines(data: WeeklyReportData): string[] {
  const locale = data.agency.locale;
  return data.trendEvents.map((e) => eventText(e, `${platformLabel(e.platform, locale)} ${e.handle}`, locale));
}

export function trendEventsHtml(data: WeeklyReportData) {
  const lines = trendEventLines(data);
  if (lines.length === 0) return "";
  const c = translator(data.agency.locale, "compare");
  return html`<h3 style="font-size:16px">${c("breaksTitle")}</h3><ul data-report="breaks">${lines.map((l) => html`<li>${l}</li>`)}</ul>`;
}

export function comparisonTextLines(data: WeeklyReportData): string[] {
  const locale = data.agency.locale;
  const c = translator(locale, "compare");
  const n = (v: number | null) => formatNumber(v === null ? null : Math.round(v), locale);
  return [
    `${c("comparisonTitle")} (${c("compare_previous")} / ${c("compare_year")}):`,
    ...comparisonRows(data).map(
      (r) =>
        `- ${c(`metric_${r.metric}`)}: ${n(r.week)} (${n(r.previous.other)}, ${formatPercent(r.previous.changeShare, locale)} / ${n(r.year.other)}, ${formatPercent(r.year.changeShare, locale)})`,
    ),
  ];
}
