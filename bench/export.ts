/**
 * `npm run bench:export`: CSV export throughput and memory, next to PostgreSQL's own
 * `COPY (…) TO STDOUT WITH CSV` of the same rows in the same run. Prints, does not assert.
 */
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { streamQueryAsCsv } from "@/lib/export/streamQuery";
import { plainSql } from "@/lib/export/csvQuery";
import { exportPostsQuery } from "@/lib/queries/exportPosts";
import { withBenchDatabase } from "./benchDatabase";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

function counter() {
  let bytes = 0;
  let peakRss = process.memoryUsage().rss;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      done();
    },
  });
  return { sink, result: () => ({ bytes, peakRss }) };
}

async function measure(label: string, run: (sink: Writable) => Promise<void>) {
  const c = counter();
  const t0 = performance.now();
  await run(c.sink);
  const seconds = (performance.now() - t0) / 1000;
  const { bytes, peakRss } = c.result();
  return { label, seconds, mb: bytes / 1048576, mbPerSecond: bytes / 1048576 / seconds, peakRssMb: peakRss / 1048576 };
}

await withBenchDatabase(async (url) => {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const {
      rows: [agency],
    } = await pool.query<{ id: string }>(
      "INSERT INTO agency (slug, name) VALUES ('bench', 'Benchmark-etaten') RETURNING id",
    );
    const {
      rows: [account],
    } = await pool.query<{ id: string }>(
      "INSERT INTO account (agency_id, platform, handle, display_name) VALUES ($1, 'twitter', 'bench', 'Bench') RETURNING id",
      [agency!.id],
    );
    const t0 = performance.now();
    await pool.query(
      `INSERT INTO post (agency_id, account_id, platform_post_id, published_at, text, permalink, impressions, likes, reposts, replies)
       SELECT $1, $2, g::text, timestamptz '2025-01-01' + g * interval '10 seconds',
              'Trafikkulykke på E18 ved Lysaker, melding ' || g || '. Nødetatene er på stedet – forvent kø.', 'https://x.com/bench/status/' || g,
              g % 50000, g % 700, g % 90, g % 40
       FROM generate_series(1, $3::int) g`,
      [agency!.id, account!.id, ROWS],
    );
    console.log(
      `generated ${ROWS.toLocaleString("nb-NO")} posts in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );
    const query = exportPostsQuery({
      agencyId: agency!.id,
      timeZone: "Europe/Oslo",
      from: "2024-12-31",
      to: "2026-12-31",
    });
    const literal = plainSql(query).replace(/\$(\d)/g, (_: string, i: string) =>
      pg.Client.prototype.escapeLiteral(
        String(
          query.values[Number(i) - 1] instanceof Date
            ? (query.values[Number(i) - 1] as Date).toISOString()
            : query.values[Number(i) - 1],
        ),
      ),
    );

    const copy = await measure("COPY … TO STDOUT WITH CSV", async (sink) => {
      const client = await pool.connect();
      try {
        await pipeline(
          client.query(copyTo(`COPY (${literal}) TO STDOUT WITH (FORMAT csv, DELIMITER ';', HEADER)`)),
          sink,
        );
      } finally {
        client.release();
      }
    });
    const ours = await measure("export (streamQueryAsCsv)", async (sink) =>
      pipeline(await streamQueryAsCsv(pool, query), sink),
    );

    console.log(
      `${"".padEnd(28)} ${"seconds".padStart(8)} ${"MB".padStart(7)} ${"MB/s".padStart(7)} ${"peak RSS MB".padStart(12)}`,
    );
    for (const r of [copy, ours]) {
      console.log(
        `${r.label.padEnd(28)} ${r.seconds.toFixed(2).padStart(8)} ${r.mb.toFixed(0).padStart(7)} ${r.mbPerSecond.toFixed(1).padStart(7)} ${r.peakRssMb.toFixed(0).padStart(12)}`,
      );
    }
    console.log(`\nexport throughput is ${(ours.mbPerSecond / copy.mbPerSecond).toFixed(2)} × COPY's`);
  } finally {
    await pool.end();
  }
});
