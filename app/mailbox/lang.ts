import { z } from "zod";
import type { UiLocale } from "@/lib/format";

/** The mailbox page's language: `?lang=sv|en`, bokmål otherwise. */
export const MailboxLang = z.enum(["nb", "sv", "en"]).catch("nb").default("nb");

export function withMailboxLang(href: string, lang: UiLocale): string {
  return lang === "nb" ? href : `${href}?lang=${lang}`;
}
