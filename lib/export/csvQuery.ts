/** A query whose rows are exported as CSV: its columns (SQL expressions) and the rest of the statement. */
export type CsvQuery = {
  header: string[];
  /**
   * `text`: free text (names, messages, links), neutralised against formulas. The others are written
   * as PostgreSQL prints them: integers, and texts that cannot start with = + - @ or be empty
   * (formatted times, platform names, hex pseudonyms).
   */
  columns: { sql: string; text?: true }[];
  /** `FROM … WHERE … ORDER BY …`, with `$n` parameters. */
  from: string;
  values: unknown[];
};

/** The statement as it reads the rows, unchanged (what a plain COPY of the same rows runs). */
export function plainSql(query: CsvQuery): string {
  return `SELECT ${query.columns.map((c) => c.sql).join(", ")} ${query.from}`;
}

/**
 * The statement with every text cell as the CSV writer must print it: a cell a spreadsheet would
 * run as a formula (= + - @, or a leading tab/CR) gets a leading apostrophe; an empty text prints
 * like a missing one (COPY would quote it). The first character is tested by its code (= 61, + 43,
 * - 45, @ 64, tab 9, CR 13; 0 for an empty text): `left(…, 1) IN ('=', …)` on three columns of a
 * million rows costs the database nearly half as much again as the plain statement.
 */
export function neutralisedSql(query: CsvQuery): string {
  const cell = (sql: string) =>
    `CASE WHEN ascii(${sql}) IN (61, 43, 45, 64, 9, 13) THEN '''' || ${sql} ELSE NULLIF(${sql}, '') END`;
  return `SELECT ${query.columns.map((c) => (c.text ? cell(c.sql) : c.sql)).join(", ")} ${query.from}`;
}
