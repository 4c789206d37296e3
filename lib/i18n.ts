import type { Platform } from "@/lib/generated/prisma/client";
import type { UiLocale } from "@/lib/format";

/** UI texts. Norwegian bokmål is the default; keys missing in a language fall back to it. */
const nb = {
  appName: "Kanalmåling",
  tagline: "Når kommunikasjonen fram – og hva kommer tilbake?",
  agencies: "Virksomheter",
  channels: "Kanaler",
  channel: "Kanal",
  audience: "Publikum",
  audienceAt: "Publikum per",
  growthTitle: "Publikumsvekst per kanal, siste 12 måneder (per uke)",
  showTable: "Vis tallene som tabell",
  week: "Uke",
  noData: "Ingen data ennå",
  status_active: "aktiv",
  status_needs_reconnect: "må kobles til på nytt",
  status_paused: "pauset",
  partOf: "Del av",
  summary: (name: string, total: string, channels: number) => `${name} når ${total} personer gjennom ${channels} kanaler.`,
  empty: "Ingen virksomheter er registrert ennå.",
  skipToContent: "Hopp til innholdet",
} as const;

type Messages = { [K in keyof typeof nb]: (typeof nb)[K] extends (...a: infer A) => string ? (...a: A) => string : string };

const en: Messages = {
  appName: "Channel Reach",
  tagline: "Does the communication reach people – and what comes back?",
  agencies: "Agencies",
  channels: "Channels",
  channel: "Channel",
  audience: "Audience",
  audienceAt: "Audience on",
  growthTitle: "Audience growth per channel, last 12 months (weekly)",
  showTable: "Show the figures as a table",
  week: "Week",
  noData: "No data yet",
  status_active: "active",
  status_needs_reconnect: "needs reconnect",
  status_paused: "paused",
  partOf: "Part of",
  summary: (name, total, channels) => `${name} reaches ${total} people through ${channels} channels.`,
  empty: "No agencies have been registered yet.",
  skipToContent: "Skip to content",
};

const sv: Messages = {
  ...(nb as Messages),
  appName: "Kanalmätning",
  tagline: "Når kommunikationen fram – och vad kommer tillbaka?",
  agencies: "Myndigheter",
  channels: "Kanaler",
  audience: "Publik",
  audienceAt: "Publik per",
  growthTitle: "Publiktillväxt per kanal, senaste 12 månaderna (per vecka)",
  showTable: "Visa siffrorna som tabell",
  week: "Vecka",
  noData: "Inga data ännu",
  status_active: "aktiv",
  status_needs_reconnect: "måste anslutas igen",
  status_paused: "pausad",
  partOf: "Del av",
  summary: (name, total, channels) => `${name} når ${total} personer genom ${channels} kanaler.`,
  empty: "Inga myndigheter är registrerade ännu.",
  skipToContent: "Hoppa till innehållet",
};

const MESSAGES: Record<UiLocale, Messages> = { nb: nb as Messages, en, sv };

export function messages(locale: UiLocale): Messages {
  return MESSAGES[locale];
}

export const PLATFORM_LABEL: Record<Platform, string> = {
  twitter: "X (Twitter)",
  facebook: "Facebook",
  youtube: "YouTube",
  flickr: "Flickr",
  bluesky: "Bluesky",
  mastodon: "Mastodon",
  email: "E-post",
  app_push: "Push (app)",
};

// ---- Inputs → policy work ----

export const LINK_STATUS_LABEL: Record<import("@/lib/generated/prisma/client").LinkStatus, string> = {
  received: "Mottatt",
  under_review: "Til vurdering",
  forwarded: "Videresendt",
  incorporated: "Tatt inn i arbeidet",
  implemented: "Gjennomført",
  declined: "Avslått",
};

export const INPUT_KIND_LABEL: Record<import("@/lib/generated/prisma/client").InputKind, string> = {
  suggestion: "Forslag",
  question: "Spørsmål",
  complaint: "Klage",
  information: "Informasjon",
};

export const TRIAGE_LABEL: Record<"new" | import("@/lib/generated/prisma/client").TriageState, string> = {
  new: "Ikke vurdert",
  suggested: "Foreslått som innspill",
  input: "Innspill",
  dismissed: "Avvist",
};

export const WORK_ITEM_STATUS_LABEL: Record<import("@/lib/generated/prisma/client").WorkItemStatus, string> = {
  planned: "Planlagt",
  active: "Pågår",
  completed: "Avsluttet",
  cancelled: "Stanset",
};
