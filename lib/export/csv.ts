import { stringify, type Stringifier } from "csv-stringify";

export type CsvOptions = { separator?: ";" | "," };

/** The decimal mark that goes with a separator: Norwegian Excel reads `;`-files with a decimal comma. */
export function decimalMark(separator: ";" | "," = ";"): "," | "." {
  return separator === ";" ? "," : ".";
}

/** UTF-8 byte order mark: Excel needs it to show æ, ø and å. */
export const BOM = "\uFEFF";

/**
 * A cell that a spreadsheet would run as a formula (= + - @, or a leading tab/CR) gets a leading
 * apostrophe, which spreadsheets show as text. Numbers are left as numbers.
 */
export function neutraliseCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A streaming CSV writer: Norwegian Excel's `;` (with decimal comma) by default, a header row, neutralised cells.
 * A text with a line break of its own (LF or CR alone too) is quoted, as PostgreSQL's COPY quotes it.
 */
export function csvStream(header: string[], options: CsvOptions = {}): Stringifier {
  const comma = decimalMark(options.separator) === ",";
  const stream = stringify({
    delimiter: options.separator ?? ";",
    header: true,
    columns: header,
    bom: false,
    record_delimiter: "\r\n",
    quote_record_delimiter: true,
    cast: { number: (n) => (comma ? String(n).replace(".", ",") : String(n)) },
  });
  const write = stream.write.bind(stream);
  stream.write = ((row: unknown[], ...rest: unknown[]) =>
    write(row.map(neutraliseCell), ...(rest as []))) as typeof stream.write;
  return stream;
}

/** A whole small CSV document as a string (with BOM), for attachments. */
export function csvDocument(header: string[], rows: unknown[][], options: CsvOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: string[] = [BOM];
    const stream = csvStream(header, options);
    stream.on("data", (c: Buffer | string) => chunks.push(c.toString()));
    stream.on("end", () => resolve(chunks.join("")));
    stream.on("error", reject);
    for (const row of rows) stream.write(row);
    stream.end();
  });
}
