import { describe, expect, it } from "vitest";
import { TYPE, parse, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import nb from "@/messages/nb.json";
import en from "@/messages/en.json";
import sv from "@/messages/sv.json";
import { translator } from "@/lib/intl";

type Tree = { [key: string]: string | Tree };
const FILES = { nb, en, sv } as Record<string, Tree>;

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** The arguments a message takes, with their kinds (a plural's argument is a number). */
function argumentsOf(elements: MessageFormatElement[], out = new Map<string, string>()): Map<string, string> {
  for (const el of elements) {
    if (el.type === TYPE.argument) out.set(el.value, out.get(el.value) ?? "text");
    if (el.type === TYPE.number || el.type === TYPE.plural) out.set(el.value, "number");
    if (el.type === TYPE.date || el.type === TYPE.time) out.set(el.value, "date");
    if (el.type === TYPE.select) out.set(el.value, "select");
    if (el.type === TYPE.plural || el.type === TYPE.select)
      for (const option of Object.values(el.options)) argumentsOf(option.value, out);
    if (el.type === TYPE.tag) argumentsOf(el.children, out);
  }
  return out;
}

const flat = Object.fromEntries(Object.entries(FILES).map(([l, tree]) => [l, flatten(tree)]));

describe("message files", () => {
  it("have the same keys in bokmål, Swedish and English", () => {
    const keys = [...flat.nb!.keys()].sort();
    expect([...flat.en!.keys()].sort()).toEqual(keys);
    expect([...flat.sv!.keys()].sort()).toEqual(keys);
  });

  it("parse as ICU messages and take the same arguments in every language", () => {
    for (const [key, text] of flat.nb!) {
      const expected = Object.fromEntries(argumentsOf(parse(text)));
      for (const locale of ["en", "sv"]) {
        const other = flat[locale]!.get(key);
        if (other === undefined) continue; // reported by the key test
        expect({ key, locale, args: Object.fromEntries(argumentsOf(parse(other))) }).toEqual({
          key,
          locale,
          args: expected,
        });
      }
    }
  });

  it("format numbers and plurals by the language's own rules", () => {
    const all = 12_345;
    const text = (locale: "nb" | "en" | "sv") => translator(locale, "tables")("rowsOf", { from: 1, to: 50, all });
    expect(text("nb")).toMatch(/^Rad 1–50 av 12\s345$/);
    expect(text("en")).toBe("Rows 1–50 of 12,345");
    expect(text("sv")).toMatch(/^Rad 1–50 av 12\s345$/);
  });

  it("throws on an unknown key instead of showing it to a user", () => {
    const t = translator("nb", "tables") as unknown as (key: string) => string;
    expect(() => t("noSuchKey")).toThrow();
  });
});
