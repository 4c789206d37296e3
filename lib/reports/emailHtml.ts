import { platformLabel } from "@/lib/intl/labels";
import { formatDay, formatNumber, type UiLocale } from "@/lib/format";
import type { WeeklyReportData } from "./data";
import { html } from "./html";
import { comparisonHtml, trendEventsHtml } from "./comparison";

const CELL = "padding:4px 8px;border-bottom:1px solid #c9d1d9;text-align:left";
const NUM = "padding:4px 8px;border-bottom:1px solid #c9d1d9;text-align:right";
const signed = (n: number | null, locale: UiLocale) =>
  n === null ? "–" : `${n > 0 ? "+" : ""}${formatNumber(n, locale)}`;

/** Followers across channels are not people: one person can follow several channels. */
export function audienceSentence(data: WeeklyReportData): string {
  return `Følgere i ${data.channelsCounted} kanaler til sammen: ${formatNumber(data.totalAudience, data.agency.locale)} (én person kan følge flere kanaler)`;
}

const METRIC_NAME = {
  audience: "følgere",
  impressions: "visninger",
  reach: "rekkevidde",
  engagements: "engasjement",
  replies: "svar",
  posts: "innlegg",
} as const;

export function attentionText(a: WeeklyReportData["attention"][number], locale: UiLocale): string {
  if (a.reason === "collection_gap") return `mangler data for ${a.missingDays} av 7 dager`;
  if (a.reason === "series_break")
    return `plattformen har ikke oppgitt ${METRIC_NAME[a.metric!]} siden ${formatDay(a.lastKnown!, locale)}`;
  if (a.reason === "token_expiring")
    return `tilgangen utløper ${formatDay(a.expiresOn!, locale)} – koble til på nytt før det`;
  return a.reason === "needs_reconnect" ? "må kobles til på nytt" : "innhenting er satt på pause";
}

/**
 * The weekly report as e-mail HTML: simple tables and inline styles that common mail clients show,
 * readable without images. Every text is escaped. `chartSrc` is a cid: in e-mail, a data: URL in
 * the browser preview and the PDF.
 */
export function reportEmailHtml(data: WeeklyReportData, chartSrc: string, unsubscribeUrl?: string): string {
  const locale = data.agency.locale;
  const h2 = (text: string) => html`<h2 style="font-size:18px">${text}</h2>`;
  return `<!DOCTYPE html>${html`<html lang="${locale}"><head><meta charset="utf-8"><title>Ukerapport uke ${data.week.week} – ${data.agency.name}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:720px;margin:0 auto;padding:16px">
<h1 style="font-size:22px">Ukerapport uke ${data.week.week} ${data.week.year}: ${data.agency.name}</h1>
<p>${formatDay(data.week.start, locale)}–${formatDay(data.week.end, locale)}. ${audienceSentence(data)}; ${formatNumber(data.replies.total, locale)} svar og kommentarer mottatt.</p>
${comparisonHtml(data)}
${h2("Publikum per kanal")}
<table style="border-collapse:collapse;width:100%" data-report="channels">
<caption style="text-align:left;font-weight:bold">Publikum per kanal, uke ${data.week.week}</caption>
<thead><tr><th scope="col" style="${CELL}">Kanal</th><th scope="col" style="${NUM}">Publikum</th><th scope="col" style="${NUM}">Endring siste uke</th><th scope="col" style="${NUM}">Endring siste 4 uker</th></tr></thead>
<tbody>${data.channels.map((c) => html`<tr><th scope="row" style="${CELL};font-weight:normal">${platformLabel(c.platform, locale)} ${c.handle}</th><td style="${NUM}">${formatNumber(c.audience, locale)}</td><td style="${NUM}">${signed(c.changeWeek, locale)}</td><td style="${NUM}">${signed(c.changeFourWeeks, locale)}</td></tr>`)}</tbody>
</table>
<p><img src="${chartSrc}" alt="Publikum per kanal de siste 12 ukene. Tallene står i tabellen over." width="720" style="max-width:100%"></p>
${trendEventsHtml(data)}
${h2("Mest leste innlegg")}
${data.topPosts.length === 0 ? html`<p>Ingen innlegg denne uken.</p>` : html`<ol>${data.topPosts.map((p) => html`<li>${p.permalink ? html`<a href="${p.permalink}">${p.text}</a>` : p.text} (${platformLabel(p.platform, locale)} ${p.handle}; ${formatNumber(p.impressions, locale)} visninger, ${formatNumber(p.replies, locale)} svar)</li>`)}</ol>`}
${h2("Svar og kommentarer")}
${!data.replies.total ? html`<p>Ingen svar mottatt.</p>` : html`<ul>${data.channels.filter((c) => c.replies).map((c) => html`<li>${platformLabel(c.platform, locale)} ${c.handle}: ${formatNumber(c.replies, locale)}</li>`)}</ul>`}
${data.campaigns.length > 0 && html`${h2("E-post og push denne uken")}<ul>${data.campaigns.map((c) => html`<li>${c.name}: nådde ${formatNumber(c.reached, locale)} av ${formatNumber(c.targetPopulation, locale)}${c.reached !== null && c.targetPopulation ? ` (${formatNumber(Math.round((c.reached / c.targetPopulation) * 100), locale)} %)` : ""}</li>`)}</ul>`}
${h2("Trenger oppmerksomhet")}
${data.attention.length === 0 ? html`<p>Alle kanaler ble hentet hver dag.</p>` : html`<ul>${data.attention.map((a) => html`<li>${platformLabel(a.platform, locale)} ${a.handle}: ${attentionText(a, locale)}</li>`)}</ul>`}
<p style="color:#4a4a4a;font-size:13px">Tallene for uken ligger også som vedlegg (CSV).${unsubscribeUrl ? html` <a href="${unsubscribeUrl}">Avslutt abonnementet</a>.` : ""}</p>
</body></html>`}`;
}
