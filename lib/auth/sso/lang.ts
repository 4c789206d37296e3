import { z } from "zod";
import type { UiLocale } from "@/lib/format";

/** The page language from ?lang= (bokmål unless nb, en or sv is asked for). */
export function pageLocale(params: Record<string, string | string[] | undefined>): UiLocale {
  return z.enum(["nb", "en", "sv"]).catch("nb").parse(params.lang);
}
