import type { UiLocale } from "@/lib/format";

/** Texts of period comparison, series-break markers, the zoomed axis and typed dates (bokmål is the default). */
const nb = {
  range_quarter: "Dette kvartalet",
  range_lastQuarter: "Forrige kvartal",
  range_ytd: "Hittil i år",
  range_lastYear: "I fjor",
  compare: "Sammenlign med",
  compare_none: "Ingen sammenligning",
  compare_previous: "Forrige periode",
  compare_year: "Samme periode i fjor",
  dateHint: (pattern: string) => `Skriv ${pattern}`,
  comparisonTitle: "Sammenligning",
  comparisonUnavailable: "Perioden har ingen ferdige dager ennå (bare i dag), så den kan ikke sammenlignes.",
  chosen: "Valgt periode",
  difference: "Endring",
  differencePct: "Endring %",
  metric: "Mål",
  periodLabel: (from: string, to: string, days: number) => `${from}–${to} (${days} ${days === 1 ? "dag" : "dager"})`,
  partialNote: (days: number) =>
    `Perioden er ikke ferdig: de ${days} ferdige dagene sammenlignes med like mange dager av den andre perioden, aldri med en hel periode.`,
  todayLeftOut: "I dag er ikke ferdig innsamlet og er ikke med i sammenligningen.",
  channelsNote:
    "Summer over kanaler tar med kanaler som oppga tallet i en av periodene; er én av dem ukjent, er summen ukjent (–).",
  metric_audience: "Følgere ved periodens slutt",
  metric_audienceChange: "Endring i følgere",
  metric_impressions: "Visninger",
  metric_reach: "Rekkevidde (per kanal; legges aldri sammen)",
  metric_engagements: "Engasjement",
  perGroup: (n: number, agencies: boolean) => `Per ${agencies ? "virksomhet" : "kanal"} (${n})`,
  metric_replies: "Svar",
  metric_posts: "Innlegg",
  percentPoints: "prosentpoeng",
  campaign_sent: "Kampanjer sendt (e-post og push)",
  campaign_reached: "Nådd av kampanjene",
  campaign_coverage: "Kampanjenes dekning (nådd / målgruppe)",
  comparisonCsv: "Last ned sammenligningen (CSV)",
  breaksTitle: "Brudd i serien",
  breakNote: "Merknad",
  seriesBreak: (channel: string, metric: string, day: string) =>
    `${channel}: ${metric} er ikke oppgitt av plattformen etter ${day}`,
  seriesBreakBefore: (channel: string, metric: string, day: string) =>
    `${channel}: ${metric} er ikke oppgitt av plattformen siden ${day} (før perioden)`,
  metricResumed: (channel: string, metric: string, day: string) =>
    `${channel}: ${metric} oppgis igjen fra ${day}; tall før og etter bruddet er ikke nødvendigvis sammenlignbare`,
  collectionGap: (channel: string, days: number) =>
    `${channel}: innsamlingen manglet ${days} ${days === 1 ? "dag" : "dager"}`,
  interrupted: (channel: string, day: string) => `${channel}: innsamlingen ble avbrutt ${day} (hentes på nytt)`,
  reconnected: (channel: string, day: string) => `${channel}: tilgangen ble koblet til på nytt ${day}`,
  statusNote: (channel: string, status: string) => `${channel}: ${status}`,
  breakMarkerHelp:
    "Loddrette stiplede linjer markerer brudd: plattformen sluttet å oppgi et tall, eller innsamlingen stanset. Tallene mangler der (ingen linje trekkes over hullet), de er ikke null.",
  axisZero: "Akse fra 0",
  axisZoom: "Zoomet akse",
  axisZoomedNote: "Y-aksen er zoomet inn på verdiene og starter ikke på 0: små endringer ser større ut.",
  axisZeroNote: "Y-aksen starter på 0.",
};

type CompareMessages = typeof nb;

const en: CompareMessages = {
  range_quarter: "This quarter",
  range_lastQuarter: "Last quarter",
  range_ytd: "Year to date",
  range_lastYear: "Last year",
  compare: "Compare with",
  compare_none: "No comparison",
  compare_previous: "Previous period",
  compare_year: "Same period last year",
  dateHint: (pattern) => `Type ${pattern}`,
  comparisonTitle: "Comparison",
  comparisonUnavailable: "The period has no complete day yet (only today), so it cannot be compared.",
  chosen: "Chosen period",
  difference: "Change",
  differencePct: "Change %",
  metric: "Metric",
  periodLabel: (from, to, days) => `${from}–${to} (${days} ${days === 1 ? "day" : "days"})`,
  partialNote: (days) =>
    `The period is not finished: its ${days} complete days are compared with as many days of the other period, never with a whole period.`,
  todayLeftOut: "Today is not fully collected and is left out of the comparison.",
  channelsNote:
    "Totals across channels include the channels that reported the figure in either period; if one of them is unknown, the total is unknown (–).",
  metric_audience: "Followers at the end of the period",
  metric_audienceChange: "Change in followers",
  metric_impressions: "Impressions",
  metric_reach: "Reach (per channel; never added across channels)",
  metric_engagements: "Engagements",
  perGroup: (n, agencies) => `Per ${agencies ? "agency" : "channel"} (${n})`,
  metric_replies: "Replies",
  metric_posts: "Posts",
  percentPoints: "percentage points",
  campaign_sent: "Campaigns sent (e-mail and push)",
  campaign_reached: "Reached by the campaigns",
  campaign_coverage: "Campaigns' coverage (reached / target population)",
  comparisonCsv: "Download the comparison (CSV)",
  breaksTitle: "Breaks in the series",
  breakNote: "Note",
  seriesBreak: (channel, metric, day) => `${channel}: ${metric} not reported by the platform after ${day}`,
  seriesBreakBefore: (channel, metric, day) =>
    `${channel}: ${metric} not reported by the platform since ${day} (before the period)`,
  metricResumed: (channel, metric, day) =>
    `${channel}: ${metric} reported again from ${day}; figures before and after the break may not be comparable`,
  collectionGap: (channel, days) => `${channel}: collection missed ${days} ${days === 1 ? "day" : "days"}`,
  interrupted: (channel, day) => `${channel}: collection was interrupted on ${day} (collected again)`,
  reconnected: (channel, day) => `${channel}: access was reconnected on ${day}`,
  statusNote: (channel, status) => `${channel}: ${status}`,
  breakMarkerHelp:
    "Vertical dashed lines mark breaks: the platform stopped reporting a figure, or collection stopped. The figures are missing there (no line is drawn across the gap); they are not zero.",
  axisZero: "Axis from 0",
  axisZoom: "Zoomed axis",
  axisZoomedNote: "The y-axis is zoomed to the values and does not start at 0: small changes look larger.",
  axisZeroNote: "The y-axis starts at 0.",
};

const sv: CompareMessages = {
  range_quarter: "Detta kvartal",
  range_lastQuarter: "Förra kvartalet",
  range_ytd: "Hittills i år",
  range_lastYear: "I fjol",
  compare: "Jämför med",
  compare_none: "Ingen jämförelse",
  compare_previous: "Föregående period",
  compare_year: "Samma period i fjol",
  dateHint: (pattern) => `Skriv ${pattern}`,
  comparisonTitle: "Jämförelse",
  comparisonUnavailable: "Perioden har ännu ingen färdig dag (bara i dag), så den kan inte jämföras.",
  chosen: "Vald period",
  difference: "Förändring",
  differencePct: "Förändring %",
  metric: "Mått",
  periodLabel: (from, to, days) => `${from}–${to} (${days} ${days === 1 ? "dag" : "dagar"})`,
  partialNote: (days) =>
    `Perioden är inte slut: dess ${days} färdiga dagar jämförs med lika många dagar av den andra perioden, aldrig med en hel period.`,
  todayLeftOut: "I dag är inte färdiginsamlat och ingår inte i jämförelsen.",
  channelsNote:
    "Summor över kanaler tar med kanaler som angav talet i någon av perioderna; är en av dem okänd är summan okänd (–).",
  metric_audience: "Följare vid periodens slut",
  metric_audienceChange: "Förändring i följare",
  metric_impressions: "Visningar",
  metric_reach: "Räckvidd (per kanal; läggs aldrig ihop)",
  metric_engagements: "Engagemang",
  perGroup: (n, agencies) => `Per ${agencies ? "myndighet" : "kanal"} (${n})`,
  metric_replies: "Svar",
  metric_posts: "Inlägg",
  percentPoints: "procentenheter",
  campaign_sent: "Kampanjer skickade (e-post och push)",
  campaign_reached: "Nådda av kampanjerna",
  campaign_coverage: "Kampanjernas täckning (nådda / målgrupp)",
  comparisonCsv: "Ladda ner jämförelsen (CSV)",
  breaksTitle: "Brott i serien",
  breakNote: "Anmärkning",
  seriesBreak: (channel, metric, day) => `${channel}: ${metric} anges inte av plattformen efter ${day}`,
  seriesBreakBefore: (channel, metric, day) =>
    `${channel}: ${metric} anges inte av plattformen sedan ${day} (före perioden)`,
  metricResumed: (channel, metric, day) =>
    `${channel}: ${metric} anges igen från ${day}; tal före och efter brottet är inte nödvändigtvis jämförbara`,
  collectionGap: (channel, days) => `${channel}: insamlingen saknade ${days} ${days === 1 ? "dag" : "dagar"}`,
  interrupted: (channel, day) => `${channel}: insamlingen avbröts ${day} (hämtas igen)`,
  reconnected: (channel, day) => `${channel}: åtkomsten kopplades om ${day}`,
  statusNote: (channel, status) => `${channel}: ${status}`,
  breakMarkerHelp:
    "Lodräta streckade linjer markerar brott: plattformen slutade ange ett tal, eller insamlingen stannade. Talen saknas där (ingen linje dras över luckan); de är inte noll.",
  axisZero: "Axel från 0",
  axisZoom: "Zoomad axel",
  axisZoomedNote: "Y-axeln är zoomad till värdena och börjar inte på 0: små förändringar ser större ut.",
  axisZeroNote: "Y-axeln börjar på 0.",
};

const ALL: Record<UiLocale, CompareMessages> = { nb, en, sv };

export function compareMessages(locale: UiLocale): CompareMessages {
  return ALL[locale];
}

/** CSV column names of comparisons and series breaks in English and Swedish (bokmål names are the keys). */
export const CSV_HEADERS_COMPARE: Record<"en" | "sv", Record<string, string>> = {
  en: {
    brudd: "break",
    brudd_merknad: "break_note",
    gruppe: "group",
    maal: "metric",
    periode_fra: "period_from",
    periode_til: "period_to",
    sammenlignet_med: "compared_with",
    sammenlignet_fra: "compared_from",
    sammenlignet_til: "compared_to",
    del_av_periode: "part_period",
    verdi: "value",
    verdi_sammenlignet: "value_compared",
    endring: "change",
    endring_prosent: "change_percent",
  },
  sv: {
    brudd: "brott",
    brudd_merknad: "brott_anmarkning",
    gruppe: "grupp",
    maal: "matt",
    periode_fra: "period_fran",
    periode_til: "period_till",
    sammenlignet_med: "jamfort_med",
    sammenlignet_fra: "jamfort_fran",
    sammenlignet_til: "jamfort_till",
    del_av_periode: "del_av_period",
    verdi: "varde",
    verdi_sammenlignet: "varde_jamfort",
    endring: "forandring",
    endring_prosent: "forandring_procent",
  },
};
