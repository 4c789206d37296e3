import { z } from "zod";
import type { UiLocale } from "@/lib/format";

export const LangSchema = z.enum(["nb", "sv", "en"]).catch("nb").default("nb");

/** A link that keeps the chosen language (bokmål is the default and needs no parameter). */
export function withLang(href: string, lang: UiLocale): string {
  if (lang === "nb") return href;
  return `${href}${href.includes("?") ? "&" : "?"}lang=${lang}`;
}
