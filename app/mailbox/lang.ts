import { headers } from "next/headers";
import type { UiLocale } from "@/lib/format";
import { pickLocale } from "@/lib/intl/requestLocale";

/** The mailbox pages' language, as every page outside an agency: `?lang=`, else the browser's preference. */
export async function mailboxLocale(lang: unknown): Promise<UiLocale> {
  return pickLocale(lang, (await headers()).get("accept-language"));
}

/** A link between the mailbox pages that keeps the language, whatever the browser prefers. */
export function withMailboxLang(href: string, lang: UiLocale): string {
  return `${href}?lang=${lang}`;
}
