import type { UiLocale } from "@/lib/format";
import { CSV_HEADERS_COMPARE } from "@/lib/i18nCompare";

/** Texts of the metric engine: request errors, period labels, figure labels and CSV labels (bokmål first). */
const nb = {
  // Request errors (one body for pages, JSON, CSV and reports).
  invalid_parameters: "Én eller flere parametere er ugyldige.",
  not_found: "Fant ikke det du ba om.",
  issueDate: "må være en dato skrevet ÅÅÅÅ-MM-DD",
  issueTypedDate: "må være en dato skrevet DD.MM.ÅÅÅÅ (for eksempel 23.11.2026)",
  issueNeedsBoth: "en egendefinert periode trenger både fra- og til-dato",
  issueToBeforeFrom: "til-datoen kan ikke være før fra-datoen",
  issueChannel: "er ikke en kanal i denne virksomheten",
  issueOneOf: (values: string) => `må være en av: ${values}`,
  issueNumber: (min: string, max: string) => `må være et helt tall fra ${min} til ${max}`,
  issueInvalid: "har en ugyldig verdi",
  // Periods.
  datesOverride:
    "Du skrev inn datoer, så den egendefinerte perioden brukes i stedet for den valgte forhåndsinnstillingen.",
  partialPeriod: "Perioden tar med i dag, som ikke er ferdig samlet inn.",
  thisWeekSoFar: (week: string, days: number) => `${week} så langt (${days} ${days === 1 ? "dag" : "dager"})`,
  sameDaysLastWeek: (week: string) => `samme dager i ${week}`,
  completeWeek: (week: string) => `hele ${week}`,
  // Figures.
  followersAcrossChannels: "Følgere i alle kanaler",
  followersAcrossChannelsNote: "Summen av kanalenes følgere; én person kan følge flere kanaler.",
  followersSentence: (name: string, total: string, channels: number) =>
    `${name} har ${total} følgere i ${channels} ${channels === 1 ? "kanal" : "kanaler"} til sammen (én person kan følge flere kanaler).`,
  impressionsThisWeek: "Visninger denne uken",
  changeLastWeekComplete: "Endring forrige uke (hel uke)",
  overviewSummary: (total: string, channels: number, change: string, soFar: string, same: string, sameLabel: string) =>
    `Følgere i ${channels} ${channels === 1 ? "kanal" : "kanaler"} til sammen: ${total}. Endring ${soFar}: ${change} (${sameLabel}: ${same}).`,
  reason_series_break: "plattformen har sluttet å oppgi et tall",
  seriesBreak: (metric: string, day: string) => `${metric} er ikke oppgitt siden ${day}`,
  metric_audience: "følgere",
  metric_impressions: "visninger",
  metric_reach: "rekkevidde",
  metric_engagements: "engasjement",
  metric_replies: "svar",
  metric_posts: "innlegg",
  // CSV values.
  status_active: "aktiv",
  status_needs_reconnect: "må kobles til på nytt",
  status_paused: "pause",
};

type MetricsMessages = typeof nb;

const en: MetricsMessages = {
  invalid_parameters: "One or more parameters are invalid.",
  not_found: "Not found.",
  issueDate: "must be a date written YYYY-MM-DD",
  issueTypedDate: "must be a date written DD/MM/YYYY (for example 23/11/2026)",
  issueNeedsBoth: "a custom range needs both a from and a to date",
  issueToBeforeFrom: "the to date must not be before the from date",
  issueChannel: "is not a channel of this agency",
  issueOneOf: (values) => `must be one of: ${values}`,
  issueNumber: (min, max) => `must be a whole number from ${min} to ${max}`,
  issueInvalid: "has an invalid value",
  datesOverride: "You typed dates, so the custom range is used instead of the chosen preset.",
  partialPeriod: "The range includes today, which is not fully collected yet.",
  thisWeekSoFar: (week, days) => `${week} so far (${days} ${days === 1 ? "day" : "days"})`,
  sameDaysLastWeek: (week) => `same days of ${week}`,
  completeWeek: (week) => `all of ${week}`,
  followersAcrossChannels: "Followers across channels",
  followersAcrossChannelsNote: "The channels' followers added up; one person can follow several channels.",
  followersSentence: (name, total, channels) =>
    `${name} has ${total} followers across ${channels} ${channels === 1 ? "channel" : "channels"} (one person can follow several channels).`,
  impressionsThisWeek: "Impressions this week",
  changeLastWeekComplete: "Change last week (complete week)",
  overviewSummary: (total, channels, change, soFar, same, sameLabel) =>
    `Followers across ${channels} ${channels === 1 ? "channel" : "channels"}: ${total}. Change ${soFar}: ${change} (${sameLabel}: ${same}).`,
  reason_series_break: "the platform stopped reporting a figure",
  seriesBreak: (metric, day) => `${metric} not reported since ${day}`,
  metric_audience: "followers",
  metric_impressions: "impressions",
  metric_reach: "reach",
  metric_engagements: "engagements",
  metric_replies: "replies",
  metric_posts: "posts",
  status_active: "active",
  status_needs_reconnect: "needs reconnecting",
  status_paused: "paused",
};

const sv: MetricsMessages = {
  invalid_parameters: "En eller flera parametrar är ogiltiga.",
  not_found: "Hittades inte.",
  issueDate: "måste vara ett datum skrivet ÅÅÅÅ-MM-DD",
  issueTypedDate: "måste vara ett datum skrivet ÅÅÅÅ-MM-DD (till exempel 2026-11-23)",
  issueNeedsBoth: "en egen period behöver både från- och till-datum",
  issueToBeforeFrom: "till-datumet får inte vara före från-datumet",
  issueChannel: "är inte en kanal i denna myndighet",
  issueOneOf: (values) => `måste vara en av: ${values}`,
  issueNumber: (min, max) => `måste vara ett heltal från ${min} till ${max}`,
  issueInvalid: "har ett ogiltigt värde",
  datesOverride: "Du skrev in datum, så den egna perioden används i stället för den valda förinställningen.",
  partialPeriod: "Perioden tar med i dag, som inte är färdiginsamlad.",
  thisWeekSoFar: (week, days) => `${week} hittills (${days} ${days === 1 ? "dag" : "dagar"})`,
  sameDaysLastWeek: (week) => `samma dagar ${week}`,
  completeWeek: (week) => `hela ${week}`,
  followersAcrossChannels: "Följare i alla kanaler",
  followersAcrossChannelsNote: "Kanalernas följare sammanlagt; en person kan följa flera kanaler.",
  followersSentence: (name, total, channels) =>
    `${name} har ${total} följare i ${channels} ${channels === 1 ? "kanal" : "kanaler"} sammanlagt (en person kan följa flera kanaler).`,
  impressionsThisWeek: "Visningar denna vecka",
  changeLastWeekComplete: "Förändring förra veckan (hel vecka)",
  overviewSummary: (total, channels, change, soFar, same, sameLabel) =>
    `Följare i ${channels} ${channels === 1 ? "kanal" : "kanaler"} sammanlagt: ${total}. Förändring ${soFar}: ${change} (${sameLabel}: ${same}).`,
  reason_series_break: "plattformen har slutat redovisa ett tal",
  seriesBreak: (metric, day) => `${metric} redovisas inte sedan ${day}`,
  metric_audience: "följare",
  metric_impressions: "visningar",
  metric_reach: "räckvidd",
  metric_engagements: "engagemang",
  metric_replies: "svar",
  metric_posts: "inlägg",
  status_active: "aktiv",
  status_needs_reconnect: "måste anslutas igen",
  status_paused: "pausad",
};

/** CSV column names: bokmål names are the keys (and stay as they are); English and Swedish files get their own. */
const CSV_HEADERS: Record<"en" | "sv", Record<string, string>> = {
  en: {
    plattform: "platform",
    kanal: "channel",
    navn: "name",
    status: "status",
    publikum: "followers",
    publikum_dato: "followers_day",
    endring_denne_uke_saa_langt: "change_this_week_so_far",
    endring_samme_dager_forrige_uke: "change_same_days_last_week",
    endring_forrige_uke: "change_last_week",
    visninger_denne_uke_saa_langt: "impressions_this_week_so_far",
    rekkevidde_denne_uke_saa_langt: "reach_this_week_so_far",
    svar_denne_uke_saa_langt: "replies_this_week_so_far",
    manglende_dager_14: "missing_days_14",
    periode_start: "period_start",
    netto_vekst: "net_growth",
    visninger: "impressions",
    rekkevidde: "reach",
    engasjement: "engagements",
    engasjementsrate_prosent: "engagement_rate_percent",
    sendt_dato: "sent_day",
    kampanje: "campaign",
    sendt: "sent",
    naadd: "reached",
    maalgruppe: "target_population",
    dekning_prosent: "coverage_percent",
    aapnet: "opens",
    klikk: "clicks",
    svar: "replies",
    virksomhet: "agency",
    kanaler: "channels",
    publikum_ved_start: "followers_at_start",
    vekst_prosent: "growth_percent",
    innlegg: "posts",
    visninger_per_innlegg: "impressions_per_post",
    ...CSV_HEADERS_COMPARE.en,
  },
  sv: {
    plattform: "plattform",
    kanal: "kanal",
    navn: "namn",
    status: "status",
    publikum: "foljare",
    publikum_dato: "foljare_datum",
    endring_denne_uke_saa_langt: "forandring_denna_vecka_hittills",
    endring_samme_dager_forrige_uke: "forandring_samma_dagar_forra_veckan",
    endring_forrige_uke: "forandring_forra_veckan",
    visninger_denne_uke_saa_langt: "visningar_denna_vecka_hittills",
    rekkevidde_denne_uke_saa_langt: "rackvidd_denna_vecka_hittills",
    svar_denne_uke_saa_langt: "svar_denna_vecka_hittills",
    manglende_dager_14: "saknade_dagar_14",
    periode_start: "period_start",
    netto_vekst: "nettotillvaxt",
    visninger: "visningar",
    rekkevidde: "rackvidd",
    engasjement: "engagemang",
    engasjementsrate_prosent: "engagemangsgrad_procent",
    sendt_dato: "skickat_datum",
    kampanje: "kampanj",
    sendt: "skickat",
    naadd: "nadde",
    maalgruppe: "malgrupp",
    dekning_prosent: "tackning_procent",
    aapnet: "oppnade",
    klikk: "klick",
    svar: "svar",
    virksomhet: "myndighet",
    kanaler: "kanaler",
    publikum_ved_start: "foljare_vid_start",
    vekst_prosent: "tillvaxt_procent",
    innlegg: "inlagg",
    visninger_per_innlegg: "visningar_per_inlagg",
    ...CSV_HEADERS_COMPARE.sv,
  },
};

export function csvHeader(names: string[], locale: UiLocale): string[] {
  return locale === "nb" ? names : names.map((n) => CSV_HEADERS[locale][n] ?? n);
}

const MESSAGES: Record<UiLocale, MetricsMessages> = { nb, en, sv };

export function metricsMessages(locale: UiLocale): MetricsMessages {
  return MESSAGES[locale];
}
