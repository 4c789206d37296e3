import { csvHeader } from "@/lib/i18nMetrics";
import type { UiLocale } from "@/lib/format";

// Column names of the streamed exports (posts, reply texts) in English and Swedish; Norwegian is the name itself.
const HEADERS: Record<"en" | "sv", Record<string, string>> = {
  en: {
    publisert_utc: "published_utc",
    publisert_lokal: "published_local",
    tekst: "text",
    lenke: "link",
    liker: "likes",
    delinger: "reposts",
    sitater: "quotes",
    forfatter_pseudonym: "author_pseudonym",
    spraak: "language",
    svar_paa_innlegg: "reply_to_post",
  },
  sv: {
    publisert_utc: "publicerad_utc",
    publisert_lokal: "publicerad_lokal",
    tekst: "text",
    lenke: "lank",
    liker: "gillamarkeringar",
    delinger: "delningar",
    sitater: "citat",
    forfatter_pseudonym: "forfattare_pseudonym",
    spraak: "sprak",
    svar_paa_innlegg: "svar_pa_inlagg",
  },
};

/** Column names of an export in the page's language. */
export function exportHeader(names: string[], locale: UiLocale): string[] {
  return locale === "nb" ? names : csvHeader(names, locale).map((n) => HEADERS[locale][n] ?? n);
}
