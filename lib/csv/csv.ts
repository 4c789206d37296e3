/**
 * CSV for Excel in a Norwegian locale: `;` as separator, CRLF line ends, a UTF-8 BOM so æ, ø, å
 * show correctly, and cells that a spreadsheet would run as a formula neutralised with a quote.
 */
export const CSV_BOM = "\uFEFF";

export type CsvCell = string | number | null | undefined;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvRow(cells: CsvCell[]): string {
  return cells.map(csvCell).join(";") + "\r\n";
}

/** A whole (small) CSV document with BOM and header row. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return CSV_BOM + csvRow(header) + rows.map(csvRow).join("");
}
