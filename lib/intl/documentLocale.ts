import { cache } from "react";
import { headers } from "next/headers";
import type { UiLocale } from "@/lib/format";
import { db } from "@/lib/db/client";
import { findVisibleAgency } from "@/lib/permissions/access";
import { PAGE_LANG_HEADER, PAGE_PATH_HEADER } from "./pageHeaders";
import { agencyPageLocale, pickLocale } from "./requestLocale";

/**
 * The language of the page being rendered, for what layouts write around it (`<html lang>`, the skip link, the
 * user menu). The same rule as the pages: an agency's pages ?lang= else the agency's language (only for an agency
 * the person may see, so the answer says nothing about others), the public page its agency's language, the
 * unsubscribe page ?lang= else bokmål, every other page (the mailbox too) ?lang= else the browser's preference.
 */
export const documentLocale = cache(async (): Promise<UiLocale> => {
  const h = await headers();
  const path = h.get(PAGE_PATH_HEADER) ?? "";
  const lang = h.get(PAGE_LANG_HEADER);
  const slug = (re: RegExp) => re.exec(path)?.[1] ?? null;
  try {
    const agencySlug = slug(/^\/agencies\/([a-z0-9-]{1,100})(?:\/|$)/);
    if (agencySlug) {
      const agency = await findVisibleAgency(agencySlug);
      if (agency) return agencyPageLocale(lang, agency);
    }
    const publicSlug = slug(/^\/public\/([a-z0-9-]{1,100})$/);
    if (publicSlug) {
      const agency = await db().agency.findFirst({
        where: { slug: publicSlug, publicPage: true, archivedAt: null },
        select: { locale: true },
      });
      if (agency) return agency.locale;
    }
  } catch {
    // A layout must render even when the database does not answer; the page itself will say what is wrong.
  }
  if (/^\/unsubscribe(\/|$)/.test(path)) return pickLocale(lang, null);
  return pickLocale(lang, h.get("accept-language"));
});
