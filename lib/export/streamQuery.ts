import { Readable, Transform, type TransformCallback } from "node:stream";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { stringify } from "csv-stringify/sync";
import { BOM, type CsvOptions } from "./csv";
import { neutralisedSql, type CsvQuery } from "./csvQuery";

const LF = 0x0a;
const QUOTE = 0x22;
const CRLF = Buffer.from("\r\n");
const CHUNK = 64 * 1024;

/**
 * COPY ends records with LF; Excel's CSV (and our small exports) with CRLF. A LF is a record end
 * only outside quotes (a quoted text may hold its own line breaks, which stay as they are), so the
 * quotes are counted as the bytes pass. Output is gathered into 64 kB chunks: COPY hands over one
 * row at a time, and every chunk costs a trip through the web stream of the Response.
 */
export class LfToCrlf extends Transform {
  private inQuotes = false;
  private parts: Buffer[] = [];
  private size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let from = 0;
    let pos = 0;
    let quote = chunk.indexOf(QUOTE);
    for (;;) {
      const lf = chunk.indexOf(LF, pos);
      if (lf === -1) break;
      while (quote !== -1 && quote < lf) {
        this.inQuotes = !this.inQuotes;
        quote = chunk.indexOf(QUOTE, quote + 1);
      }
      if (!this.inQuotes) {
        this.add(chunk.subarray(from, lf));
        this.add(CRLF);
        from = lf + 1;
      }
      pos = lf + 1;
    }
    while (quote !== -1) {
      this.inQuotes = !this.inQuotes;
      quote = chunk.indexOf(QUOTE, quote + 1);
    }
    this.add(chunk.subarray(from));
    if (this.size >= CHUNK) this.flushParts();
    done();
  }

  override _flush(done: TransformCallback): void {
    this.flushParts();
    done();
  }

  private add(part: Buffer) {
    if (part.length === 0) return;
    this.parts.push(part);
    this.size += part.length;
  }

  private flushParts() {
    if (this.size === 0) return;
    this.push(Buffer.concat(this.parts, this.size));
    this.parts = [];
    this.size = 0;
  }
}

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
  const copy = client.query(
    copyTo(
      `COPY (${inline(neutralisedSql(query), query.values)}) TO STDOUT WITH (FORMAT csv, DELIMITER '${separator}')`,
    ),
  );
  const out = new LfToCrlf();
  out.push(Buffer.from(head));
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    client.release(error);
  };
  copy.on("error", (error) => {
    release(error);
    out.destroy(error);
  });
  copy.on("end", () => release());
  out.on("close", () => release(copy.readableEnded ? undefined : new Error("export cancelled by the client")));
  copy.pipe(out);
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
