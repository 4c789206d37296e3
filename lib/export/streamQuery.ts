import { PassThrough, Readable } from "node:stream";
import type pg from "pg";
import QueryStream from "pg-query-stream";
import { BOM, csvStream, type CsvOptions } from "./csv";

export type CsvQuery = { header: string[]; sql: string; values: unknown[] };

/**
 * Streams a query's rows as CSV straight from a database cursor: memory stays constant however many
 * rows there are (batches of 1 000). The connection goes back to the pool when the stream ends or
 * the client goes away.
 */
export async function streamQueryAsCsv(pool: pg.Pool, query: CsvQuery, options: CsvOptions = {}): Promise<Readable> {
  const client = await pool.connect();
  const rows = client.query(new QueryStream(query.sql, query.values, { batchSize: 1_000, rowMode: "array" }));
  const csv = csvStream(query.header, options);
  const out = new PassThrough();
  out.write(BOM);
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    client.release(error);
  };
  rows.on("error", (error) => {
    release(error);
    out.destroy(error);
  });
  rows.on("end", () => release());
  out.on("close", () => {
    if (!released) rows.destroy();
    release();
  });
  rows.pipe(csv).pipe(out);
  return out;
}

/** A streamed CSV download response. */
export function csvResponse(stream: Readable, filename: string): Response {
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}
