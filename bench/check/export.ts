/**
 * Rows `export_http_vs_copy` and `export_server_rss_growth_mb`: the posts CSV export through the
 * HTTP route (signed in, as a browser downloads it) against PostgreSQL's own
 * `COPY (…) TO STDOUT WITH (FORMAT csv, …)` of the same query in the same run; and how much the
 * server's resident memory grows during the export (sampled every 50 ms from /proc).
 */
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { plainSql } from "@/lib/export/csvQuery";
import { exportPostsQuery } from "@/lib/queries/exportPosts";
import { log, round, seconds, type Result } from "./common";
import type { Server } from "./server";

export async function exportRows(
  server: Server,
  url: string,
  agency: { id: string; slug: string },
  rows: number,
): Promise<Result[]> {
  const range = { from: "2024-12-31", to: "2026-11-22" };
  const query = exportPostsQuery({ agencyId: agency.id, timeZone: "Europe/Oslo", ...range });
  const literal = plainSql(query).replace(/\$(\d)/g, (_: string, i: string) => {
    const v = query.values[Number(i) - 1];
    return pg.Client.prototype.escapeLiteral(v instanceof Date ? v.toISOString() : String(v));
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const copy = async () => {
    let bytes = 0;
    const t0 = performance.now();
    await pipeline(
      client.query(copyTo(`COPY (${literal}) TO STDOUT WITH (FORMAT csv, DELIMITER ';', HEADER)`)),
      new Writable({
        write(c: Buffer, _e, done) {
          bytes += c.length;
          done();
        },
      }),
    );
    return { s: seconds(t0), bytes };
  };
  const http = async () => {
    const before = server.rssMb();
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, server.rssMb());
    }, 50);
    try {
      const r = await server.get(
        `/api/agencies/${agency.slug}/export/posts?range=custom&from=${range.from}&to=${range.to}&sep=semicolon`,
      );
      return { s: r.ms / 1000, bytes: r.bytes, growth: Math.max(peak, server.rssMb()) - before, before };
    } finally {
      clearInterval(timer);
    }
  };
  try {
    const c1 = await copy();
    const h1 = await http();
    const c2 = await copy();
    const h2 = await http();
    const ratio = Math.max(h1.bytes / h1.s / (c1.bytes / c1.s), h2.bytes / h2.s / (c2.bytes / c2.s));
    log(`\nexport of ${rows.toLocaleString("en")} posts, twice each, interleaved`);
    log(`${"".padEnd(36)} ${"seconds".padStart(8)} ${"MB".padStart(7)} ${"MB/s".padStart(7)}`);
    for (const [label, r] of [
      ["COPY … TO STDOUT (1)", c1],
      ["HTTP export route (1)", h1],
      ["COPY … TO STDOUT (2)", c2],
      ["HTTP export route (2)", h2],
    ] as const) {
      log(
        `${label.padEnd(36)} ${r.s.toFixed(2).padStart(8)} ${(r.bytes / 1048576).toFixed(0).padStart(7)} ${(r.bytes / 1048576 / r.s).toFixed(1).padStart(7)}`,
      );
    }
    log(
      `   server RSS ${h1.before.toFixed(0)} MB before the first export, +${h1.growth.toFixed(0)} MB during it; ${h2.before.toFixed(0)} MB before the second, +${h2.growth.toFixed(0)} MB`,
    );
    return [
      {
        name: "export_http_vs_copy",
        value: round(ratio),
        goal: "≥ 0.8",
        note: "MB/s of the HTTP route ÷ COPY's (better of two interleaved pairs)",
      },
      {
        name: "export_server_rss_growth_mb",
        value: round(Math.max(h1.growth, h2.growth), 0),
        goal: "≤ 50",
        note: "largest growth of the server's RSS during an export",
      },
    ];
  } finally {
    await client.end();
  }
}
