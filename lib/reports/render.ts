import { formatChange, formatDay, formatNumber, formatWeek, intlLocale, type UiLocale } from "@/lib/format";
import { platformLabel } from "@/lib/intl/labels";
import { translator } from "@/lib/intl";
import { csvDocument } from "@/lib/export/csv";
import { renderLineChartPng } from "./chartPng";
import type { WeeklyReportData } from "./data";
import { attentionText, audienceSentence, campaignText, countText, reportEmailHtml } from "./emailHtml";
import { comparisonTextLines, trendEventLines } from "./comparison";

export type RenderedReport = {
  subject: string;
  html: string;
  text: string;
  chartPng: Buffer;
  csv: string;
  csvFilename: string;
  /** The name of the report's files without extension ("ukerapport-<slug>-2026-uke-47"), for the CSV and the PDF. */
  fileBase: string;
  chartFilename: string;
  /** The language the report is written in. */
  locale: UiLocale;
};

export const CHART_CID = "audience-chart@kanalmaaling";

/**
 * The report in every form it is sent in: HTML, plain text, chart PNG and CSV. The HTML refers to the
 * chart as a `cid:` attachment for e-mail, or carries it inline (`inlineChart`) for the browser and PDF.
 * `locale` is the recipient's language (their choice, else the agency's); the figures do not depend on it.
 */
export async function renderReport(
  agencyData: WeeklyReportData,
  opts: { inlineChart?: boolean; unsubscribeUrl?: string; locale?: UiLocale | null } = {},
): Promise<RenderedReport> {
  const locale = opts.locale ?? agencyData.agency.locale;
  // Every text of the report (also the comparison and the notes under the chart) follows data.agency.locale.
  const data =
    locale === agencyData.agency.locale ? agencyData : { ...agencyData, agency: { ...agencyData.agency, locale } };
  const t = translator(locale, "reports");
  const week = String(data.week.week);
  const year = String(data.week.year);
  const chartPng = await renderLineChartPng({
    title: t("chartTitle"),
    labels: data.trend.weeks.map((w) => formatWeek(w, locale)),
    series: data.trend.series,
    locale: intlLocale(locale),
  });
  const chartSrc = opts.inlineChart ? `data:image/png;base64,${chartPng.toString("base64")}` : `cid:${CHART_CID}`;
  const html = reportEmailHtml(data, chartSrc, opts.unsubscribeUrl);
  const lines = [
    t("heading", { week, year, agency: data.agency.name }),
    `${formatDay(data.week.start, locale)}–${formatDay(data.week.end, locale)}`,
    `${audienceSentence(data)}.`,
    "",
    ...comparisonTextLines(data),
    "",
    t("textChannels"),
    ...data.channels.map(
      (c) =>
        `- ${platformLabel(c.platform, locale)} ${c.handle}: ${formatNumber(c.audience, locale)} (${formatChange(c.changeWeek, locale)} / ${formatChange(c.changeFourWeeks, locale)})`,
    ),
    ...trendEventLines(data).map((l) => `- ${l}`),
    "",
    t("textTopPosts"),
    ...data.topPosts.map(
      (p, i) => `${i + 1}. ${p.text} (${countText("impressions", p.impressions, locale)}) ${p.permalink ?? ""}`,
    ),
    "",
    t("textReplies", { replies: formatNumber(data.replies.total, locale) }),
    ...data.campaigns.map((c) => campaignText(c, locale, "textCampaign")),
    ...data.attention.map((a) =>
      t("textAttention", {
        channel: `${platformLabel(a.platform, locale)} ${a.handle}`,
        text: attentionText(a, locale),
      }),
    ),
    ...(opts.unsubscribeUrl ? ["", t("textUnsubscribe", { url: opts.unsubscribeUrl })] : []),
  ];
  const csv = await csvDocument(
    (
      [
        "csv_week",
        "csv_platform",
        "csv_channel",
        "csv_audience",
        "csv_changeWeek",
        "csv_changeFourWeeks",
        "csv_replies",
        "csv_audiencePrevious",
        "csv_audienceYear",
        "csv_repliesPrevious",
        "csv_repliesYear",
        "csv_breaks",
      ] as const
    ).map((k) => t(k)),
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
  const fileBase = t("fileName", { slug: data.agency.slug, year, week });
  return {
    subject: t("subject", { week, agency: data.agency.name }),
    html,
    text: lines.join("\n"),
    chartPng,
    csv,
    csvFilename: `${fileBase}.csv`,
    fileBase,
    chartFilename: t("chartFileName"),
    locale,
  };
}

/** The e-mail fields of a rendered report (recipient and sender are the caller's). */
export function reportMessage(report: RenderedReport) {
  return {
    subject: report.subject,
    text: report.text,
    html: report.html,
    attachments: [
      { filename: report.chartFilename, content: report.chartPng, cid: CHART_CID, contentType: "image/png" },
      { filename: report.csvFilename, content: report.csv, contentType: "text/csv; charset=utf-8" },
    ],
  };
}
