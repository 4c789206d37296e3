import type { UiLocale } from "@/lib/format";

// Texts of long tables shown a page at a time (the 5-year growth page).
const nb = {
  rowsOf: (from: number, to: number, all: number) => `Rad ${from}–${to} av ${all}`,
  showRows: (from: number, to: number, all: number) => `Vis rad ${from}–${to} av ${all} som tabell`,
  earlier: "Tidligere perioder",
  later: "Senere perioder",
  pages: "Sider i tabellen",
};
type TableMessages = typeof nb;
const en: TableMessages = {
  rowsOf: (from, to, all) => `Rows ${from}–${to} of ${all}`,
  showRows: (from, to, all) => `Show rows ${from}–${to} of ${all} as a table`,
  earlier: "Earlier periods",
  later: "Later periods",
  pages: "Pages of the table",
};
const sv: TableMessages = {
  rowsOf: (from, to, all) => `Rad ${from}–${to} av ${all}`,
  showRows: (from, to, all) => `Visa rad ${from}–${to} av ${all} som tabell`,
  earlier: "Tidigare perioder",
  later: "Senare perioder",
  pages: "Sidor i tabellen",
};

export function tableMessages(locale: UiLocale): TableMessages {
  return { nb, en, sv }[locale];
}
