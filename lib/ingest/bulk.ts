import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "@/lib/db/client";
import { poolOf } from "@/lib/db/pool";

export type Cell = string | number | null;
export type Column = { name: string; type: "uuid" | "text" | "date" | "int" | "timestamptz" };

/** Below this many rows one `unnest` statement beats the five round trips of the COPY path. */
export const COPY_FROM_ROWS = 500;

/**
 * Writes `rows` (cells in `columns` order, unique on the table's key) with `upsert(source)`, an
 * `INSERT … SELECT … FROM source … ON CONFLICT` whose source relation `s` has the columns' names.
 * Small batches bind arrays to one `unnest`; large ones COPY into a session-temporary table first
 * (ON COMMIT DELETE ROWS, so it is empty for the next batch on that connection) and upsert from it
 * in the same transaction — COPY's own speed for the transfer, PostgreSQL's ON CONFLICT rules for
 * the merge. With `direct` (the columns are the table's own, with defaults for the rest), a large
 * batch is first tried as a plain COPY into the table. All through a plain pg pool: Prisma's
 * `$executeRaw` costs a third of the time on large arrays. Returns the rows inserted or updated
 * (a row whose stored values would not change counts only if the upsert's WHERE lets it through).
 */
export async function bulkUpsert(
  db: Db,
  table: string,
  columns: Column[],
  rows: Cell[][],
  upsert: (source: string) => string,
  opts: { analyze?: boolean; direct?: boolean } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const pool = poolOf(db);
  const names = columns.map((c) => c.name).join(", ");
  if (rows.length < COPY_FROM_ROWS) {
    const arrays = columns.map((_, i) => rows.map((r) => r[i] ?? null));
    const source = `unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ")}) AS s(${names})`;
    return (await pool.query(upsert(source), arrays)).rowCount ?? 0;
  }
  const temp = `ingest_${table}`;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    if (opts.direct) {
      // :TRICKY: a batch of rows we have never seen (a backfill) goes straight into the table by
      // COPY; the first row that exists already fails it with a unique violation, and the savepoint
      // takes it back before the merge path below. Nothing is written twice either way.
      await client.query("SAVEPOINT direct");
      try {
        await pipeline(Readable.from(copyText(rows)), client.query(copyFrom(`COPY ${table} (${names}) FROM STDIN`)));
        await client.query("COMMIT");
        return rows.length;
      } catch (error) {
        if ((error as { code?: string }).code !== "23505") throw error;
        await client.query("ROLLBACK TO SAVEPOINT direct");
      }
    }
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS ${temp} (${columns.map((c) => `${c.name} ${c.type}`).join(", ")}) ON COMMIT DELETE ROWS`,
    );
    await pipeline(Readable.from(copyText(rows)), client.query(copyFrom(`COPY ${temp} (${names}) FROM STDIN`)));
    // :TRICKY: without statistics the planner guesses the temp table's size and may hash-join a
    // whole indexed table against it; a join on the target's key wants the real row count.
    if (opts.analyze) await client.query(`ANALYZE ${temp}`);
    const result = await client.query(upsert(`${temp} AS s`));
    await client.query("COMMIT");
    return result.rowCount ?? 0;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** COPY's text format, in chunks of a few hundred rows. */
function* copyText(rows: Cell[][]): Generator<string> {
  let chunk = "";
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (j) chunk += "\t";
      if (v === null || v === undefined) chunk += "\\N";
      else if (typeof v === "number") chunk += String(v);
      else chunk += SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
    }
    chunk += "\n";
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}
