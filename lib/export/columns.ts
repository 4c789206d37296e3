import type { UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";

/**
 * CSV column names in the page's language (namespace "export", `columns.<bokmål name>`): the bokmål name is the key,
 * so the code writes one header and each language gets its own. A name without a translation stays as it is.
 */
export function csvHeader(names: string[], locale: UiLocale): string[] {
  const t = translator(locale, "export");
  return names.map((n) => {
    const key = `columns.${n}` as Parameters<typeof t>[0];
    return t.has(key) ? t(key) : n;
  });
}
