/**
 * `npm run bench:check`: each figure of the performance goals measured the way a user meets it —
 * HTTP routes of the production server with a signed-in session, collection through the product's
 * own queue and workers against the rate-limited sandbox — each beside its baseline in the same
 * run, on data it generates in a database of its own (dropped afterwards). About 2 minutes here.
 * Ends with one `RESULT <name> <value>` line per figure. Prints, does not assert.
 * Each row is a module in bench/check/. BENCH_ONLY=ingest,collect,… runs some rows only;
 * BENCH_EXPORT_ROWS (default 1,000,000), BENCH_RUNS (HTTP requests per route, default 100),
 * BENCH_PORT (default 3190).
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { buildIsStale } from "../scripts/build-freshness";
import { withBenchDatabase } from "./benchDatabase";
import { apiRows, compareAll } from "./check/api";
import { collectRow } from "./check/collect";
import { log, seconds, type Result } from "./check/common";
import { bigAgency, loadAgencies, loadPosts, nationalSet } from "./check/data";
import { exportRows } from "./check/export";
import { firstLoadJsRow } from "./check/firstLoadJs";
import { growthPageRows } from "./check/growthPage";
import { ingestRows } from "./check/ingest";
import { startServer } from "./check/server";

const ONLY = process.env.BENCH_ONLY?.split(",");
const want = (row: string) => !ONLY || ONLY.includes(row);
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const PORT = Number(process.env.BENCH_PORT ?? 3190);
const ONE_X_AGENCIES = 10;

const t0 = performance.now();
const results: Result[] = [];
if (want("js")) results.push(...firstLoadJsRow());
if ((want("api") || want("export") || want("growth") || want("compare")) && buildIsStale()) {
  log("the production build is older than the sources: `npm start` will rebuild it first (a few minutes)");
}

await withBenchDatabase(async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const db = createDb(url);
  try {
    // Collection first: the scheduled tick queues every due account, and only the sandbox's are real here.
    if (want("collect")) results.push(...(await collectRow(db, url)));
    if (want("ingest")) results.push(...(await ingestRows(client, db)));
    if (!["api", "export", "growth", "compare"].some(want)) return;

    let t = performance.now();
    const one = nationalSet(0, ONE_X_AGENCIES);
    const big = bigAgency();
    const rows = (await loadAgencies(client, one, 2)) + (await loadAgencies(client, big, 5));
    const storetaten = big.agencies[0]!;
    if (want("export")) await loadPosts(client, storetaten.id, big.accounts[0]!.id, EXPORT_ROWS);
    // The loads' dirty pages are written now, not by a checkpoint during the timed rows (a role
    // without the right to ask for one leaves it to PostgreSQL's own schedule).
    await client.query("CHECKPOINT").catch(() => undefined);
    log(
      `\ndata: ${one.agencies.length} agencies × ${one.accounts.length / one.agencies.length} channels × 2 years, and ${storetaten.name} with ${big.accounts.length} channels × 5 years: ${rows.toLocaleString("en")} daily rows${want("export") ? `, ${EXPORT_ROWS.toLocaleString("en")} posts` : ""} in ${seconds(t).toFixed(1)} s`,
    );

    t = performance.now();
    const server = await startServer(url, PORT);
    log(`production server started and signed in after ${seconds(t).toFixed(1)} s (pid ${server.pid})`);
    try {
      const district = one.agencies.find((a) => a.parentId)!;
      const family = one.agencies.filter((a) => a.id === district.parentId || a.parentId === district.parentId);
      if (want("api")) results.push(...(await apiRows(server, client, { district, family })));
      if (want("growth")) results.push(...(await growthPageRows(server, storetaten)));
      if (want("export")) results.push(...(await exportRows(server, url, storetaten, EXPORT_ROWS)));
      if (want("compare")) {
        const national = one.agencies.find((a) => !a.parentId)!;
        const at1 = await compareAll(
          server,
          national,
          one.agencies.map((a) => a.slug),
        );
        t = performance.now();
        // Nine times as many districts under the same national body: its compare offers them all, and all are chosen.
        const more = nationalSet(ONE_X_AGENCIES, ONE_X_AGENCIES * 9);
        const nine = { ...more, agencies: more.agencies.map((a) => ({ ...a, parentId: national.id })) };
        await loadAgencies(client, nine, 2);
        await db.$executeRawUnsafe(
          `INSERT INTO membership (user_id, agency_id, role) SELECT m.user_id, a.id, 'admin' FROM (SELECT DISTINCT user_id FROM membership) m CROSS JOIN agency a ON CONFLICT DO NOTHING`,
        );
        const at10 = await compareAll(
          server,
          national,
          [...one.agencies, ...nine.agencies].map((a) => a.slug),
        );
        log(
          `\ncompare of all agencies, 12 months, over HTTP: ${one.agencies.length} agencies p50 ${at1.warm.toFixed(1)} ms reused (${at1.cold.toFixed(1)} ms computed); ${one.agencies.length + nine.agencies.length} agencies (loaded in ${seconds(t).toFixed(0)} s) p50 ${at10.warm.toFixed(1)} ms reused (${at10.cold.toFixed(1)} ms computed)`,
        );
        results.push({
          name: "compare_all_10x_vs_1x",
          value: Number((at10.warm / at1.warm).toFixed(2)),
          goal: "≤ 3",
          note: "compare of all agencies (from the national body, every agency of the deployment chosen) at 10× the agencies ÷ at 1×, p50 of a repeated request (the answer reused per data version)",
        });
        results.push({
          name: "compare_all_cold_10x_vs_1x",
          value: Number((at10.cold / at1.cold).toFixed(2)),
          goal: "info",
          note: "the same, every request computed anew (its range a day earlier each time): linear in the channels",
        });
      }
    } finally {
      await server.stop();
    }
  } finally {
    await db.$disconnect();
    await client.end();
  }
});

log(`\nbench:check done in ${seconds(t0).toFixed(0)} s`);
log(`\n${"figure".padEnd(30)} ${"value".padStart(9)}  goal     what`);
for (const r of results) log(`${r.name.padEnd(30)} ${String(r.value).padStart(9)}  ${r.goal.padEnd(7)}  ${r.note}`);
log("");
for (const r of results) log(`RESULT ${r.name} ${r.value}`);
