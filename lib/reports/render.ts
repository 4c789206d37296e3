import { platformLabel } from "@/lib/intl/labels";
import { formatChange, formatDay, formatNumber, formatWeek } from "@/lib/format";
import { csvDocument } from "@/lib/export/csv";
import { renderLineChartPng } from "./chartPng";
import type { WeeklyReportData } from "./data";
import { attentionText, audienceSentence, reportEmailHtml } from "./emailHtml";
import { comparisonTextLines, trendEventLines } from "./comparison";

export type RenderedReport = {
  subject: string;
  html: string;
  text: string;
  chartPng: Buffer;
  csv: string;
  csvFilename: string;
};

export const CHART_CID = "audience-chart@kanalmaaling";

const INTL = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" } as const;

/**
 * The report in every form it is sent in: HTML, plain text, chart PNG and CSV. The HTML refers to the
 * chart as a `cid:` attachment for e-mail, or carries it inline (`inlineChart`) for the browser and PDF.
 */
export async function renderReport(
  data: WeeklyReportData,
  opts: { inlineChart?: boolean; unsubscribeUrl?: string } = {},
): Promise<RenderedReport> {
  const locale = data.agency.locale;
  const chartPng = await renderLineChartPng({
    title: "Publikum per kanal, siste 12 uker",
    labels: data.trend.weeks.map((w) => formatWeek(w, locale)),
    series: data.trend.series,
    locale: INTL[locale],
  });
  const chartSrc = opts.inlineChart ? `data:image/png;base64,${chartPng.toString("base64")}` : `cid:${CHART_CID}`;
  const html = reportEmailHtml(data, chartSrc, opts.unsubscribeUrl);
  const lines = [
    `Ukerapport uke ${data.week.week} ${data.week.year}: ${data.agency.name}`,
    `${formatDay(data.week.start, locale)}–${formatDay(data.week.end, locale)}`,
    `${audienceSentence(data)}.`,
    "",
    ...comparisonTextLines(data),
    "",
    "Publikum per kanal (endring siste uke / siste 4 uker):",
    ...data.channels.map(
      (c) =>
        `- ${platformLabel(c.platform, locale)} ${c.handle}: ${formatNumber(c.audience, locale)} (${formatChange(c.changeWeek, locale)} / ${formatChange(c.changeFourWeeks, locale)})`,
    ),
    ...trendEventLines(data).map((l) => `- ${l}`),
    "",
    "Mest leste innlegg:",
    ...data.topPosts.map(
      (p, i) => `${i + 1}. ${p.text} (${formatNumber(p.impressions, locale)} visninger) ${p.permalink ?? ""}`,
    ),
    "",
    `Svar og kommentarer mottatt: ${formatNumber(data.replies.total, locale)}`,
    ...data.campaigns.map(
      (c) =>
        `E-post/push: ${c.name}: nådde ${formatNumber(c.reached, locale)} av ${formatNumber(c.targetPopulation, locale)}`,
    ),
    ...data.attention.map(
      (a) => `Trenger oppmerksomhet: ${platformLabel(a.platform, locale)} ${a.handle} (${attentionText(a, locale)})`,
    ),
    ...(opts.unsubscribeUrl ? ["", `Avslutt abonnementet: ${opts.unsubscribeUrl}`] : []),
  ];
  const csv = await csvDocument(
    [
      "uke",
      "plattform",
      "kanal",
      "publikum",
      "endring_uke",
      "endring_4_uker",
      "svar_mottatt",
      "publikum_forrige_uke",
      "publikum_samme_uke_i_fjor",
      "svar_forrige_uke",
      "svar_samme_uke_i_fjor",
      "brudd",
    ],
    data.channels.map((c) => {
      const prev = data.compared.previous.groups.find((g) => g.key === c.accountId)?.values;
      const year = data.compared.year.groups.find((g) => g.key === c.accountId)?.values;
      const breaks = data.trendEvents
        .filter((e) => e.accountId === c.accountId && e.bucket === data.trend.weeks.length - 1)
        .map((e) => trendEventLines({ ...data, trendEvents: [e] })[0]);
      return [
        `${data.week.year}-W${String(data.week.week).padStart(2, "0")}`,
        c.platform,
        c.handle,
        c.audience,
        c.changeWeek,
        c.changeFourWeeks,
        c.replies,
        prev?.audience.other ?? null,
        year?.audience.other ?? null,
        prev?.replies.other ?? null,
        year?.replies.other ?? null,
        breaks.join("; ") || null,
      ];
    }),
  );
  return {
    subject: `Ukerapport uke ${data.week.week}: ${data.agency.name}`,
    html,
    text: lines.join("\n"),
    chartPng,
    csv,
    csvFilename: `ukerapport-${data.agency.slug}-${data.week.year}-uke-${data.week.week}.csv`,
  };
}

/** The e-mail fields of a rendered report (recipient and sender are the caller's). */
export function reportMessage(report: RenderedReport) {
  return {
    subject: report.subject,
    text: report.text,
    html: report.html,
    attachments: [
      { filename: "publikum.png", content: report.chartPng, cid: CHART_CID, contentType: "image/png" },
      { filename: report.csvFilename, content: report.csv, contentType: "text/csv; charset=utf-8" },
    ],
  };
}
