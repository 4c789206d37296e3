import type { Readable } from "node:stream";
import pg from "pg";
import { stringify } from "csv-stringify/sync";
import { BOM, type CsvOptions } from "./csv";
import { CopyCsvOut } from "./copyCsv";
import { neutralisedSql, type CsvQuery } from "./csvQuery";

/** `$n` parameters as SQL literals: COPY takes no parameters. */
function inline(sql: string, values: unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const v = values[Number(n) - 1];
    return pg.Client.prototype.escapeLiteral(v instanceof Date ? v.toISOString() : String(v));
  });
}

/**
 * Streams a query's rows as CSV with PostgreSQL's own `COPY … TO STDOUT (FORMAT csv)`: the database
 * quotes, the query neutralises formulas, Node only adds the BOM and header and turns LF into CRLF.
 * The bytes are those of the row-by-row writer before it (tests/helpers/rowCsvWriter.ts); memory
 * stays constant whatever the row count. Integer columns only: a decimal column would need the
 * decimal comma, which COPY does not write. When the client goes away the connection is dropped
 * (not returned to the pool), which ends the COPY on the server.
 */
export async function streamQueryAsCsv(pool: pg.Pool, query: CsvQuery, options: CsvOptions = {}): Promise<Readable> {
  const separator = options.separator ?? ";";
  const head =
    BOM + stringify([query.header], { delimiter: separator, record_delimiter: "\r\n", quote_record_delimiter: true });
  const client = await pool.connect();
  const out = client.query(
    new CopyCsvOut(
      `COPY (${inline(neutralisedSql(query), query.values)}) TO STDOUT WITH (FORMAT csv, DELIMITER '${separator}')`,
      Buffer.from(head),
    ),
  );
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    client.release(error);
  };
  out.on("error", release);
  out.on("end", () => release());
  out.on("close", () => release(out.readableEnded ? undefined : new Error("export cancelled by the client")));
  return out;
}

/**
 * The web stream a Response carries, reading the Node stream only when the response asks for more.
 * Unlike Readable.toWeb it does not copy every chunk, and buffers nothing of its own. Cancelling it (the client went away) destroys the Node stream.
 */
export function webStreamOf(stream: Readable): ReadableStream<Uint8Array> {
  const chunks = stream[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = (await chunks.next()) as IteratorResult<Buffer>;
        if (done) controller.close();
        // A Buffer that is a slice of a shared pool (small ones are) is copied, as toWeb does: the pool must
        // never be handed over. The export's own chunks are whole and go as they are.
        else controller.enqueue(value.byteLength === value.buffer.byteLength ? value : new Uint8Array(value));
      },
      cancel() {
        stream.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

/** A streamed CSV download response. */
export function csvResponse(stream: Readable, filename: string): Response {
  return new Response(webStreamOf(stream), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}
