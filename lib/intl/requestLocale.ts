import type { UiLocale } from "@/lib/format";

const LOCALES = new Set<UiLocale>(["nb", "en", "sv"]);

const known = (value: unknown): UiLocale | null =>
  typeof value === "string" && LOCALES.has(value as UiLocale) ? (value as UiLocale) : null;

/** The `lang` a request's address chose, else the one of the page it was sent from (Referer); null if neither did. */
export function requestLang(url: URL, headers: Headers): UiLocale | null {
  let fromReferer: UiLocale | null;
  try {
    fromReferer = known(new URL(headers.get("referer") ?? "").searchParams.get("lang"));
  } catch {
    fromReferer = null;
  }
  return known(url.searchParams.get("lang")) ?? fromReferer;
}

/**
 * The language of a request outside a page (the proxy's refusals, the auth route, the 400 of scripts/start.ts):
 * the `lang` of its address, else of the page it was sent from (Referer), else bokmål.
 */
export function requestLocale(url: URL, headers: Headers): UiLocale {
  return requestLang(url, headers) ?? "nb";
}

/**
 * The language of a page outside an agency (sign-in, invitation, account, installation pages, errors):
 * ?lang= (or the invitation's agency) when given, else the browser's preference, else bokmål.
 */
export function pickLocale(lang: unknown, acceptLanguage?: string | null): UiLocale {
  const chosen = known(lang);
  if (chosen) return chosen;
  for (const part of (acceptLanguage ?? "").toLowerCase().split(",")) {
    const tag = part.split(";")[0]!.trim();
    if (/^(nb|no|nn)\b/.test(tag)) return "nb";
    if (/^sv\b/.test(tag)) return "sv";
    if (/^en\b/.test(tag)) return "en";
  }
  return "nb";
}

/** The language of an agency's own pages: ?lang= when given, else the agency's language. */
export function agencyPageLocale(lang: unknown, agency: { locale: UiLocale }): UiLocale {
  return known(lang) ?? agency.locale;
}

/** A link (or redirect) on an agency's pages that keeps the chosen language; the agency's own needs no parameter. */
export function withAgencyLang(href: string, lang: UiLocale, agency: { locale: UiLocale }): string {
  if (lang === agency.locale) return href;
  return `${href}${href.includes("?") ? "&" : "?"}lang=${lang}`;
}
