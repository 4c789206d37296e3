import type { UiLocale } from "@/lib/format";

/** Texts of the connections page (kept beside lib/i18n.ts; bokmål is the default). */
const nb = {
  title: "Tilkoblinger og innsamling",
  intro: "Når hver kanal sist ble samlet inn, hva som gikk galt, og hvor langt historikken er hentet.",
  channel: "Kanal",
  source: "Kilde",
  sandbox: "sandkasse (testdata)",
  real: "plattformen",
  token: "Tilgang",
  tokenOk: "i orden",
  tokenNone: "ingen nøkkel lagret",
  lastSuccess: "Sist vellykket",
  never: "aldri",
  lastRun: "Siste kjøring",
  backfill: "Historikk hentet",
  backfillDays: (done: string, total: string) => `${done} av ${total} dager`,
  backfillDone: "ferdig",
  waitUntil: "venter til",
  failures: (n: number) => `${n} feil siste døgn`,
  recentRuns: "Siste kjøringer",
  started: "Startet",
  outcome: "Utfall",
  items: "Hentet / skrevet",
  error: "Feil eller avvik",
  none: "Ingen kjøringer ennå.",
  outcome_running: "pågår",
  outcome_success: "vellykket",
  outcome_partial: "delvis (mangler tall)",
  outcome_failed: "feilet",
  outcome_rate_limited: "venter på kvote",
  outcome_interrupted: "avbrutt (hentes på nytt)",
  status_active: "aktiv",
  status_needs_reconnect: "må kobles til på nytt",
  status_paused: "pauset",
  noCollector: "registreres manuelt",
};

type Texts = typeof nb;

const en: Texts = {
  ...nb,
  title: "Connections and collection",
  intro: "When each channel was last collected, what went wrong, and how much history has been fetched.",
  channel: "Channel", source: "Source", sandbox: "sandbox (test data)", real: "the platform", token: "Access", tokenOk: "fine", tokenNone: "no key stored",
  lastSuccess: "Last success", never: "never", lastRun: "Last run", backfill: "History fetched", backfillDays: (d, t) => `${d} of ${t} days`, backfillDone: "done",
  waitUntil: "waiting until", failures: (n) => `${n} failures in the last 24 h`, recentRuns: "Recent runs", started: "Started", outcome: "Outcome",
  items: "Fetched / written", error: "Error or gap", none: "No runs yet.", outcome_running: "running", outcome_success: "success",
  outcome_partial: "partial (metrics missing)", outcome_failed: "failed", outcome_rate_limited: "waiting for quota", outcome_interrupted: "interrupted (collected again)",
  status_active: "active", status_needs_reconnect: "needs reconnect", status_paused: "paused", noCollector: "recorded by hand",
};

const sv: Texts = {
  ...nb,
  title: "Anslutningar och insamling",
  intro: "När varje kanal senast samlades in, vad som gick fel och hur mycket historik som har hämtats.",
  channel: "Kanal", source: "Källa", sandbox: "sandlåda (testdata)", real: "plattformen", token: "Åtkomst", tokenOk: "i ordning", tokenNone: "ingen nyckel sparad",
  lastSuccess: "Senast lyckad", never: "aldrig", lastRun: "Senaste körning", backfill: "Historik hämtad", backfillDays: (d, t) => `${d} av ${t} dagar`, backfillDone: "klar",
  waitUntil: "väntar till", failures: (n) => `${n} fel senaste dygnet`, recentRuns: "Senaste körningar", started: "Startad", outcome: "Utfall",
  items: "Hämtat / skrivet", error: "Fel eller avvikelse", none: "Inga körningar ännu.", outcome_running: "pågår", outcome_success: "lyckad",
  outcome_partial: "delvis (tal saknas)", outcome_failed: "misslyckad", outcome_rate_limited: "väntar på kvot", outcome_interrupted: "avbruten (hämtas igen)",
  status_active: "aktiv", status_needs_reconnect: "måste anslutas igen", status_paused: "pausad", noCollector: "registreras manuellt",
};

export function connectionTexts(locale: UiLocale): Texts {
  return { nb, en, sv }[locale];
}
