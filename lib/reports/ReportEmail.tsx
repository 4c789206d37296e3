import { formatDay, formatNumber, type UiLocale } from "@/lib/format";
import { PLATFORM_LABEL } from "@/lib/i18n";
import type { WeeklyReportData } from "./data";

const cell = { padding: "4px 8px", borderBottom: "1px solid #c9d1d9", textAlign: "left" as const };
const num = { ...cell, textAlign: "right" as const };
const signed = (n: number | null, locale: UiLocale) => (n === null ? "–" : `${n > 0 ? "+" : ""}${formatNumber(n, locale)}`);

/**
 * The weekly report as e-mail HTML (simple tables, inline styles, readable without images). React
 * escapes every text, so post texts cannot inject markup. `chartSrc` is a cid: in e-mail, a data: URL
 * in the browser preview and the PDF.
 */
export function ReportEmail(props: { data: WeeklyReportData; chartSrc: string; unsubscribeUrl?: string }) {
  const { data } = props;
  const locale = data.agency.locale;
  const totalAudience = data.channels.reduce((s, c) => s + (c.audience ?? 0), 0);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <title>{`Ukerapport uke ${data.week.week} – ${data.agency.name}`}</title>
      </head>
      <body style={{ fontFamily: "Arial, Helvetica, sans-serif", color: "#1a1a1a", maxWidth: 720, margin: "0 auto", padding: 16 }}>
        <h1 style={{ fontSize: 22 }}>Ukerapport uke {data.week.week} {data.week.year}: {data.agency.name}</h1>
        <p>
          {formatDay(data.week.start, locale)}–{formatDay(data.week.end, locale)}. Samlet publikum {formatNumber(totalAudience, locale)} i {data.channels.length} kanaler;
          {" "}{formatNumber(data.replies.total, locale)} svar og kommentarer mottatt.
        </p>

        <h2 style={{ fontSize: 18 }}>Publikum per kanal</h2>
        <table style={{ borderCollapse: "collapse", width: "100%" }} data-report="channels">
          <thead>
            <tr><th style={cell}>Kanal</th><th style={num}>Publikum</th><th style={num}>Endring siste uke</th><th style={num}>Endring siste 4 uker</th></tr>
          </thead>
          <tbody>
            {data.channels.map((c) => (
              <tr key={`${c.platform}-${c.handle}`}>
                <td style={cell}>{PLATFORM_LABEL[c.platform]} {c.handle}</td>
                <td style={num}>{formatNumber(c.audience, locale)}</td>
                <td style={num}>{signed(c.changeWeek, locale)}</td>
                <td style={num}>{signed(c.changeFourWeeks, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p><img src={props.chartSrc} alt={`Publikum per kanal de siste 12 ukene. Tallene står i tabellen over.`} width={720} style={{ maxWidth: "100%" }} /></p>

        <h2 style={{ fontSize: 18 }}>Mest leste innlegg</h2>
        {data.topPosts.length === 0 ? <p>Ingen innlegg denne uken.</p> : (
          <ol>
            {data.topPosts.map((p, i) => (
              <li key={i}>
                {p.permalink ? <a href={p.permalink}>{p.text}</a> : p.text} ({PLATFORM_LABEL[p.platform]} {p.handle}; {formatNumber(p.impressions, locale)} visninger, {formatNumber(p.replies, locale)} svar)
              </li>
            ))}
          </ol>
        )}

        <h2 style={{ fontSize: 18 }}>Svar og kommentarer</h2>
        {data.replies.perChannel.length === 0 ? <p>Ingen svar mottatt.</p> : (
          <ul>{data.replies.perChannel.map((c) => <li key={c.handle}>{PLATFORM_LABEL[c.platform]} {c.handle}: {formatNumber(c.count, locale)}</li>)}</ul>
        )}

        {data.campaigns.length > 0 && (
          <>
            <h2 style={{ fontSize: 18 }}>E-post og push denne uken</h2>
            <ul>
              {data.campaigns.map((c) => (
                <li key={c.name}>
                  {c.name}: nådde {formatNumber(c.reached, locale)} av {formatNumber(c.targetPopulation, locale)}
                  {c.reached !== null && c.targetPopulation ? ` (${formatNumber(Math.round((c.reached / c.targetPopulation) * 100), locale)} %)` : ""}
                </li>
              ))}
            </ul>
          </>
        )}

        <h2 style={{ fontSize: 18 }}>Trenger oppmerksomhet</h2>
        {data.attention.length === 0 ? <p>Alle kanaler ble hentet hver dag.</p> : (
          <ul>
            {data.attention.map((a, i) => (
              <li key={i}>
                {PLATFORM_LABEL[a.platform]} {a.handle}: {a.reason === "gap" ? `mangler data for ${a.daysMissing} av 7 dager` : a.reason === "needs_reconnect" ? "må kobles til på nytt" : "innhenting er satt på pause"}
              </li>
            ))}
          </ul>
        )}

        <p style={{ color: "#4a4a4a", fontSize: 13 }}>
          Tallene for uken ligger også som vedlegg (CSV).
          {props.unsubscribeUrl && <> <a href={props.unsubscribeUrl}>Avslutt abonnementet</a>.</>}
        </p>
      </body>
    </html>
  );
}
