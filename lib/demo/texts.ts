import type { Rng } from "./random";
import { pick } from "./random";

// Plausible Norwegian texts for the demo history. Places and roads are real; the events are not.
const PLACES = [
  "Lysaker",
  "Sandvika",
  "Grünerløkka",
  "Majorstuen",
  "Storo",
  "Furuset",
  "Bjørvika",
  "Skøyen",
  "Asker sentrum",
  "Stovner",
  "Helsfyr",
  "Bekkestua",
  "Tøyen",
  "Ullevål",
];
const ROADS = ["E18", "E6", "Ring 3", "Ring 2", "Mosseveien", "Trondheimsveien", "Drammensveien", "E16"];

const OPS_POSTS = [
  (r: Rng) =>
    `Trafikkulykke på ${pick(r, ROADS)} ved ${pick(r, PLACES)}. Nødetatene er på stedet. Forvent kø i området.`,
  (r: Rng) =>
    `Brann i leilighet ved ${pick(r, PLACES)}. Brannvesenet er på stedet, beboere er evakuert. Ingen personskader meldt.`,
  (r: Rng) => `Melding om slagsmål ved ${pick(r, PLACES)}. Flere patruljer på vei.`,
  (r: Rng) =>
    `Stengt felt på ${pick(r, ROADS)} i retning sentrum etter at et kjøretøy har fått motorstopp. Bilberging er varslet.`,
  (r: Rng) =>
    `Vi har stor aktivitet ved ${pick(r, PLACES)} i forbindelse med en pågående hendelse. Mer informasjon kommer.`,
  (r: Rng) => `Savnet person funnet i god behold ved ${pick(r, PLACES)}. Takk for tips fra publikum.`,
  (r: Rng) => `Røykutvikling fra bolighus ved ${pick(r, PLACES)}. Brannvesenet har kontroll.`,
];
const NEWS_POSTS = [
  (_r: Rng) =>
    `Vi har fått flere meldinger om telefonsvindel der svindlere utgir seg for å være politiet. Politiet ber aldri om bankkoder.`,
  (r: Rng) => `Åpen dag ved politistasjonen på ${pick(r, PLACES)} lørdag. Velkommen!`,
  (r: Rng) => `Husk å låse sykkelen – vi ser en økning i sykkeltyverier ved ${pick(r, PLACES)}.`,
  () => `Ny pressemelding: status i etterforskningen etter hendelsen i helgen. Les mer på politiet.no.`,
  () => `Tips oss! Du kan gi tips anonymt via politiet.no eller ringe 02800.`,
];
const HEALTH_POSTS = [
  () =>
    `Samhandlingsreformen: rett behandling – på rett sted – til rett tid. Les stortingsmeldingen på regjeringen.no.`,
  () => `Høringen om ny folkehelselov er åpen. Vi vil gjerne høre fra deg.`,
  () =>
    `Kommunal medfinansiering og utskrivningsklare pasienter: slik blir oppgavene fordelt mellom kommuner og sykehus.`,
  () => `Statsråden besøker legevakten i dag for å høre om erfaringene med samhandlingsreformen.`,
  () => `Ny nasjonal helse- og sykehusplan er lagt fram. Se pressekonferansen på YouTube.`,
  () => `Vaksinasjonsprogrammet: nye råd om influensavaksine til risikogrupper denne høsten.`,
  () => `Fastlegeordningen: regjeringen legger fram tiltak for å rekruttere flere fastleger.`,
];

const OPS_REPLIES = [
  (r: Rng) => `Står i kø på ${pick(r, ROADS)} nå, hvor lenge blir det stengt?`,
  () => `Takk for info!`,
  (r: Rng) => `Hva skjer på ${pick(r, PLACES)}? Masse blålys her.`,
  () => `Godt jobbet 👏`,
  () => `Hørte smell for litt siden, er det relatert?`,
  () => `Er det trygt å gå ut i området nå?`,
];
const HEALTH_REPLIES = [
  () => `Hva betyr samhandlingsreformen for små kommuner med få fastleger?`,
  () => `Kommunal medfinansiering kan gi feil insentiver – kommunene får regningen uten å kunne påvirke innleggelsene.`,
  () => `Bra at det satses på forebygging! Hva med frisklivssentraler i alle kommuner?`,
  () => `Som sykepleier i hjemmetjenesten: vi trenger flere hender før pasientene skrives ut tidligere.`,
  () => `Pasientene må få én kontaktperson som følger dem mellom sykehus og kommune.`,
  () => `Hvordan skal legevakten rustes opp når oppgavene flyttes til kommunene?`,
  () => `Elektronisk meldingsutveksling mellom fastlege og sykehus må komme på plass først.`,
  () => `Takk for oppdatering.`,
  () => `Når kommer høringssvarene ut?`,
];

export function postText(kind: "ops" | "news" | "health", rng: Rng): string {
  const pool = kind === "ops" ? OPS_POSTS : kind === "news" ? NEWS_POSTS : HEALTH_POSTS;
  return pick(rng, pool)(rng);
}

export function replyText(kind: "ops" | "news" | "health", rng: Rng): string {
  return pick(rng, kind === "health" ? HEALTH_REPLIES : OPS_REPLIES)(rng);
}

const FIRST = [
  "kari",
  "ola",
  "ingrid",
  "lars",
  "nora",
  "emil",
  "sofie",
  "jonas",
  "maja",
  "henrik",
  "aisha",
  "mohammed",
  "eva",
  "per",
];
export function citizenHandle(rng: Rng): string {
  return `${pick(rng, FIRST)}_${Math.floor(rng() * 900 + 10)}`;
}
