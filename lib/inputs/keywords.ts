import type { InputKind } from "@/lib/generated/prisma/client";

export type KeywordRuleLike = { keyword: string; kind: InputKind };

// Norwegian inflection endings that may follow a keyword at the end of a (compound) word:
// reform → reformen, reformene; lege → legen, legene; høring → høringer, høringsvar (linker s).
const ENDINGS = ["", "e", "en", "et", "a", "ene", "ane", "er", "ar", "ers", "ens", "s", "es", "ne"];

export function normaliseText(text: string): string {
  return text.normalize("NFC").toLocaleLowerCase("nb-NO");
}

// Without a Norwegian keyboard people write ae, oe, aa (and Swedish/Danish ä, ö): compare folded forms.
const FOLD: [RegExp, string][] = [
  [/æ|ä/g, "ae"],
  [/ø|ö/g, "oe"],
  [/å/g, "aa"],
];
function fold(s: string): string {
  return FOLD.reduce((acc, [re, to]) => acc.replace(re, to), s);
}

/** Words of a text: letter runs (æ, ø, å and other letters included), hyphenated parts split. */
export function words(text: string): string[] {
  return (normaliseText(text).match(/\p{L}+/gu) ?? []).map(fold);
}

/**
 * Whether a keyword occurs in a word as a compound part: at its start (lege → legevakt), or at its
 * end with an inflection (reform → samhandlingsreformen, lege → fastlegene). A trailing `*` in
 * the rule matches any word starting with the rest, a leading `*` any word containing it.
 */
export function wordMatches(rawWord: string, keyword: string): boolean {
  const word = fold(normaliseText(rawWord));
  const kw = fold(normaliseText(keyword.trim()));
  if (kw.startsWith("*")) return word.includes(kw.replace(/^\*+|\*+$/g, ""));
  if (kw.endsWith("*")) return word.startsWith(kw.slice(0, -1));
  if (word.startsWith(kw)) return true;
  return ENDINGS.some((e) => word.endsWith(kw + e) && word.length > kw.length + e.length);
}

/** The first rule whose keyword (one or more words, all must occur in order) is found in the text. */
export function matchRule<R extends KeywordRuleLike>(text: string, rules: R[]): R | null {
  const ws = words(text);
  for (const rule of rules) {
    const parts = rule.keyword
      .trim()
      .split(/\s+/)
      .filter((p) => p.replaceAll("*", "").length > 0);
    if (parts.length === 0) continue;
    let from = 0;
    let ok = true;
    for (const part of parts) {
      const at = ws.findIndex((w, i) => i >= from && wordMatches(w, part));
      if (at < 0) {
        ok = false;
        break;
      }
      from = at + 1;
    }
    if (ok) return rule;
  }
  return null;
}
