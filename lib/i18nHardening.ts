import type { UiLocale } from "@/lib/format";

/** Messages of the request checks in proxy.ts and the auth route (bokmål first). */
const nb = {
  tooLarge: (mb: string) => `Forespørselen er for stor. Filer kan være på høyst ${mb} MB.`,
  malformed: "Forespørselen kunne ikke leses. Last siden på nytt og prøv igjen.",
  badAddress: "Adressen inneholder ugyldige tegn.",
  csrf: "Forespørselen kom fra et annet nettsted og ble avvist (CSRF-vern).",
  notSignedIn: "Ikke innlogget",
  badJson: "Forespørselen må være et gyldig JSON-objekt.",
};
export type HardeningText = typeof nb;

const en: HardeningText = {
  tooLarge: (mb) => `The request is too large. Files may be at most ${mb} MB.`,
  malformed: "The request could not be read. Reload the page and try again.",
  badAddress: "The address contains invalid characters.",
  csrf: "The request came from another site and was refused (CSRF protection).",
  notSignedIn: "Not signed in",
  badJson: "The request must be a valid JSON object.",
};

const sv: HardeningText = {
  tooLarge: (mb) => `Begäran är för stor. Filer får vara högst ${mb} MB.`,
  malformed: "Begäran kunde inte läsas. Ladda om sidan och försök igen.",
  badAddress: "Adressen innehåller ogiltiga tecken.",
  csrf: "Begäran kom från en annan webbplats och avvisades (CSRF-skydd).",
  notSignedIn: "Inte inloggad",
  badJson: "Begäran måste vara ett giltigt JSON-objekt.",
};

const TEXTS: Record<UiLocale, HardeningText> = { nb, en, sv };

export function hardeningText(locale: UiLocale): HardeningText {
  return TEXTS[locale] ?? nb;
}

const LOCALES = new Set<UiLocale>(["nb", "en", "sv"]);

/**
 * The language of a request, as the pages choose it: the `lang` of its address, else of the page it
 * was sent from (Referer), else bokmål.
 */
export function requestLocale(url: URL, headers: Headers): UiLocale {
  const known = (value: string | null | undefined) =>
    value && LOCALES.has(value as UiLocale) ? (value as UiLocale) : null;
  let fromReferer: UiLocale | null;
  try {
    fromReferer = known(new URL(headers.get("referer") ?? "").searchParams.get("lang"));
  } catch {
    fromReferer = null;
  }
  return known(url.searchParams.get("lang")) ?? fromReferer ?? "nb";
}
