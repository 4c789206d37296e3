import { formatDay, formatNumber, formatPercent, type UiLocale } from "@/lib/format";
import { platformLabel } from "@/lib/intl/labels";
import { translator } from "@/lib/intl";
import type { WeeklyReportData } from "./data";
import { html } from "./html";
import { comparisonHtml, trendEventsHtml } from "./comparison";

const CELL = "padding:4px 8px;border-bottom:1px solid #c9d1d9;text-align:left";
const NUM = "padding:4px 8px;border-bottom:1px solid #c9d1d9;text-align:right";
const signed = (n: number | null, locale: UiLocale) =>
  n === null ? "–" : `${n > 0 ? "+" : ""}${formatNumber(n, locale)}`;

/** Followers across channels are not people: one person can follow several channels. */
export function audienceSentence(data: WeeklyReportData): string {
  const locale = data.agency.locale;
  return translator(locale, "reports")("audience", {
    channels: data.channelsCounted,
    total: formatNumber(data.totalAudience, locale),
  });
}

export function attentionText(a: WeeklyReportData["attention"][number], locale: UiLocale): string {
  const t = translator(locale, "reports");
  if (a.reason === "collection_gap") return t("attention_collection_gap", { missing: a.missingDays ?? 0 });
  if (a.reason === "series_break")
    return t("attention_series_break", { metric: t(`metric_${a.metric!}`), day: formatDay(a.lastKnown!, locale) });
  if (a.reason === "token_expiring") return t("attention_token_expiring", { day: formatDay(a.expiresOn!, locale) });
  return t(a.reason === "needs_reconnect" ? "attention_needs_reconnect" : "attention_paused");
}

/** "1 234 visninger": the number formatted by lib/format.ts, the noun by the language's plural rule. */
export function countText(key: "impressions" | "replies", n: number | null, locale: UiLocale): string {
  return translator(locale, "reports")(key, { count: n ?? 0, n: formatNumber(n, locale) });
}

/** "nådde 1 200 av 5 000 (24 %)" for a campaign. */
export function campaignText(
  c: WeeklyReportData["campaigns"][number],
  locale: UiLocale,
  key: "campaignReached" | "textCampaign",
) {
  const text = translator(locale, "reports")(key, {
    name: c.name,
    reached: formatNumber(c.reached, locale),
    target: formatNumber(c.targetPopulation, locale),
  });
  return c.reached !== null && c.targetPopulation
    ? `${text} (${formatPercent(c.reached / c.targetPopulation, locale, 0)})`
    : text;
}

/**
 * The weekly report as e-mail HTML: simple tables and inline styles that common mail clients show,
 * readable without images. Every text is escaped. `chartSrc` is a cid: in e-mail, a data: URL in
 * the browser preview and the PDF.
 */
export function reportEmailHtml(data: WeeklyReportData, chartSrc: string, unsubscribeUrl?: string): string {
  const locale = data.agency.locale;
  const t = translator(locale, "reports");
  const week = String(data.week.week);
  const h2 = (text: string) => html`<h2 style="font-size:18px">${text}</h2>`;
  return `<!DOCTYPE html>${html`<html lang="${locale}">
    <head>
      <meta charset="utf-8" />
      <title>${t("title", { week, agency: data.agency.name })}</title>
    </head>
    <body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:720px;margin:0 auto;padding:16px">
      <h1 style="font-size:22px">${t("heading", { week, year: String(data.week.year), agency: data.agency.name })}</h1>
      <p>
        ${formatDay(data.week.start, locale)}–${formatDay(data.week.end, locale)}. ${audienceSentence(data)};
        ${t("repliesReceived", { replies: formatNumber(data.replies.total, locale) })}
      </p>
      ${comparisonHtml(data)} ${h2(t("channelsTitle"))}
      <table style="border-collapse:collapse;width:100%" data-report="channels">
        <caption style="text-align:left;font-weight:bold">
          ${t("channelsCaption", { week })}
        </caption>
        <thead>
          <tr>
            <th scope="col" style="${CELL}">${t("colChannel")}</th>
            <th scope="col" style="${NUM}">${t("colAudience")}</th>
            <th scope="col" style="${NUM}">${t("colChangeWeek")}</th>
            <th scope="col" style="${NUM}">${t("colChangeFourWeeks")}</th>
          </tr>
        </thead>
        <tbody>
          ${data.channels.map(
            (c) =>
              html`<tr>
                <th scope="row" style="${CELL};font-weight:normal">${platformLabel(c.platform, locale)} ${c.handle}</th>
                <td style="${NUM}">${formatNumber(c.audience, locale)}</td>
                <td style="${NUM}">${signed(c.changeWeek, locale)}</td>
                <td style="${NUM}">${signed(c.changeFourWeeks, locale)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p>
        <img src="${chartSrc}" alt="${t("chartAlt")}" width="720" style="max-width:100%" />
      </p>
      ${trendEventsHtml(data)} ${h2(t("topPostsTitle"))}
      ${
        data.topPosts.length === 0
          ? html`<p>${t("noPosts")}</p>`
          : html`<ol>
              ${data.topPosts.map((p) => html`<li>${p.permalink ? html`<a href="${p.permalink}">${p.text}</a>` : p.text} (${platformLabel(p.platform, locale)} ${p.handle}; ${countText("impressions", p.impressions, locale)}, ${countText("replies", p.replies, locale)})</li>`)}
            </ol>`
      }
      ${h2(t("repliesTitle"))}
      ${
        !data.replies.total
          ? html`<p>${t("noReplies")}</p>`
          : html`<ul>
              ${data.channels.filter((c) => c.replies).map((c) => html`<li>${platformLabel(c.platform, locale)} ${c.handle}: ${formatNumber(c.replies, locale)}</li>`)}
            </ul>`
      }
      ${
        data.campaigns.length > 0 &&
        html`${h2(t("campaignsTitle"))}
          <ul>
            ${data.campaigns.map((c) => html`<li>${campaignText(c, locale, "campaignReached")}</li>`)}
          </ul>`
      }
      ${h2(t("attentionTitle"))}
      ${
        data.attention.length === 0
          ? html`<p>${t("allCollected")}</p>`
          : html`<ul>
              ${data.attention.map((a) => html`<li>${platformLabel(a.platform, locale)} ${a.handle}: ${attentionText(a, locale)}</li>`)}
            </ul>`
      }
      <p style="color:#4a4a4a;font-size:13px">
        ${t("footer")}${unsubscribeUrl ? html` <a href="${unsubscribeUrl}">${t("unsubscribe")}</a>.` : ""}
      </p>
    </body>
  </html>`}`;
}
