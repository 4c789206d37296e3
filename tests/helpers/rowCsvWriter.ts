import { PassThrough, type Readable } from "node:stream";
import type pg from "pg";
import QueryStream from "pg-query-stream";
import { BOM, csvStream, type CsvOptions } from "@/lib/export/csv";
import { plainSql, type CsvQuery } from "@/lib/export/csvQuery";

/**
 * The export writer before COPY: rows through a cursor, cells neutralised and quoted by csv-stringify
 * in JavaScript. The reference the COPY export must match byte for byte.
 */
export async function rowByRowCsv(pool: pg.Pool, query: CsvQuery, options: CsvOptions = {}): Promise<Readable> {
  const client = await pool.connect();
  const rows = client.query(new QueryStream(plainSql(query), query.values, { batchSize: 1_000, rowMode: "array" }));
  const out = new PassThrough();
  out.write(BOM);
  rows.on("error", (error) => {
    client.release(error);
    out.destroy(error);
  });
  rows.on("end", () => client.release());
  rows.pipe(csvStream(query.header, options)).pipe(out);
  return out;
}
