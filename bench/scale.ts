/**
 * `npm run bench:scale`: how the product holds up as the national deployment grows, each figure
 * beside a baseline measured in the same run on the same data.
 *   1. (ingestion moved to `npm run bench:check`, row ingest_*);
 *   2. dashboard: overview, growth (12 months, weekly) and compare — p50/p95 of the query functions
 *      versus the bare SQL aggregate — at 1× and 10× the data, then on a copy of the daily table
 *      range-partitioned by year (swapped in under the same name, so the same functions run on it);
 *   3. retention: deleting the oldest year from the plain table versus dropping its partition;
 *   4. weekly reports for every agency of the 10× data to a local SMTP server, versus sending as
 *      many one-line messages to it (bench/reports.ts);
 *   5. (collection moved to `npm run bench:check`, row collect_queue_vs_limit).
 * Prints, does not assert. BENCH_ACCOUNTS (1× channels, default 200), BENCH_RUNS (default 20),
 * BENCH_REPORTS_ONLY=1 runs only that section.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import { createDb, type Db } from "@/lib/db/client";
import { getAgencyComparison } from "@/lib/queries/getAgencyComparison";
import { getAgencyOverview } from "@/lib/queries/getAgencyOverview";
import { getChannelGrowth } from "@/lib/queries/getChannelGrowth";
import { addDays, weekStart, type Day } from "@/lib/time";
import { withBenchDatabase } from "./benchDatabase";
import { benchReports } from "./reports";
import {
  buildAccounts,
  buildAgencies,
  copyLines,
  DAILY_COPY_COLUMNS,
  dailyRowLine,
  dailyRows,
  insertAgenciesAndAccounts,
  type AccountSpec,
  type AgencySpec,
} from "./nationalData";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 200);
const CHANNELS_PER_AGENCY = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const YEARS = 5;
const SEED = 1;
const TODAY: Day = "2026-11-23";
const FROM = addDays(TODAY, -Math.round(YEARS * 365.25));

type Timing = { p50: number; p95: number };
const s = (t0: number) => (performance.now() - t0) / 1000;

async function percentiles(fn: () => Promise<unknown>): Promise<Timing> {
  await fn(); // warm-up: plan caches, connection, buffers
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(times.length * 0.5)]!,
    p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!,
  };
}

function dataset(
  offset: number,
  agencyCount: number,
  seed: number,
): { agencies: AgencySpec[]; accounts: AccountSpec[] } {
  const agencies = buildAgencies(agencyCount, seed, offset);
  return { agencies, accounts: buildAccounts(agencies, agencyCount * CHANNELS_PER_AGENCY, seed) };
}

async function copyHistory(client: pg.Client, accounts: AccountSpec[]): Promise<number> {
  let n = 0;
  await copyLines(
    client,
    "account_daily_metric",
    DAILY_COPY_COLUMNS,
    (function* () {
      for (const a of accounts)
        for (const row of dailyRows(a, FROM, TODAY, SEED)) {
          n++;
          yield dailyRowLine(row);
        }
    })(),
  );
  return n;
}

function dashboardCases(db: Db, agencyId: string, compareIds: string[], allIds: string[]) {
  const thisWeek = weekStart(TODAY);
  const yearAgo = addDays(TODAY, -364);
  const compare = (ids: string[]) =>
    [
      () => getAgencyComparison(db, { agencyIds: ids, from: yearAgo, to: TODAY }),
      () =>
        db.$queryRaw(Prisma.sql`
      SELECT agency_id, sum(impressions), sum(posts_published), sum(replies_received)
      FROM account_daily_metric WHERE agency_id = ANY(${ids}::uuid[]) AND day >= ${yearAgo}::date AND day <= ${TODAY}::date
      GROUP BY agency_id`),
    ] as const;
  return [
    [
      "overview (getAgencyOverview)",
      () => getAgencyOverview(db, { agencyId, today: TODAY }),
      () =>
        db.$queryRaw(Prisma.sql`
        SELECT account_id, (array_agg(followers ORDER BY day DESC) FILTER (WHERE followers IS NOT NULL))[1] AS audience,
               sum(impressions) FILTER (WHERE day >= ${thisWeek}::date) AS reach_this, sum(impressions) FILTER (WHERE day < ${thisWeek}::date) AS reach_last,
               sum(replies_received) FILTER (WHERE day >= ${thisWeek}::date) AS replies_this
        FROM account_daily_metric WHERE agency_id = ${agencyId}::uuid AND day >= ${addDays(thisWeek, -14)}::date AND day <= ${TODAY}::date
        GROUP BY account_id`),
    ],
    [
      "growth 12 months weekly (getChannelGrowth)",
      () => getChannelGrowth(db, { agencyId, from: yearAgo, to: TODAY, bucket: "week" }),
      () =>
        db.$queryRaw(Prisma.sql`
        SELECT account_id, date_trunc('week', day::timestamp)::date AS bucket, (array_agg(followers ORDER BY day DESC))[1] AS followers
        FROM account_daily_metric WHERE agency_id = ${agencyId}::uuid AND day >= ${yearAgo}::date AND day <= ${TODAY}::date AND followers IS NOT NULL
        GROUP BY 1, 2`),
    ],
    [`compare ${compareIds.length} agencies, 12 months`, ...compare(compareIds)],
    [`compare all ${allIds.length} agencies, 12 months`, ...compare(allIds)],
  ] as const;
}

type Measured = Map<string, { fn: Timing; bare: Timing }>;

async function measureDashboard(
  label: string,
  db: Db,
  agencyId: string,
  compareIds: string[],
  allIds: string[],
  baseline?: Measured,
): Promise<Measured> {
  const results: Measured = new Map();
  console.log(`\n${label}`);
  console.log(
    `${"query".padEnd(44)} ${"fn p50".padStart(8)} ${"fn p95".padStart(8)} ${"SQL p50".padStart(8)} ${"SQL p95".padStart(8)} ${"fn/SQL".padStart(7)}${baseline ? ` ${"fn p50 vs base".padStart(15)}` : ""}`,
  );
  for (const [name, fn, bare] of dashboardCases(db, agencyId, compareIds, allIds)) {
    const f = await percentiles(fn);
    const b = await percentiles(bare);
    const key = name.replace(/\d+ agencies/, "N agencies");
    results.set(key, { fn: f, bare: b });
    const base = baseline?.get(key);
    console.log(
      `${name.padEnd(44)} ${f.p50.toFixed(1).padStart(8)} ${f.p95.toFixed(1).padStart(8)} ${b.p50.toFixed(1).padStart(8)} ${b.p95.toFixed(1).padStart(8)} ${(f.p50 / b.p50).toFixed(2).padStart(7)}` +
        (base ? ` ${`${(f.p50 / base.fn.p50).toFixed(2)}×`.padStart(15)}` : ""),
    );
  }
  return results;
}

async function tableSize(client: pg.Client, table: string): Promise<string> {
  const {
    rows: [r],
  } = await client.query<{ rows: string; mb: string }>(
    `SELECT (SELECT count(*) FROM ${table})::text AS rows, round(COALESCE((SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('${table}')), pg_total_relation_size('${table}')) / 1048576.0, 1)::text AS mb`,
  );
  return `${Number(r!.rows).toLocaleString("en")} rows, ${r!.mb} MB with indexes`;
}

async function partitionedCopy(client: pg.Client): Promise<number> {
  const t0 = performance.now();
  await client.query("CREATE TABLE adm_part (LIKE account_daily_metric INCLUDING DEFAULTS) PARTITION BY RANGE (day)");
  for (let y = Number(FROM.slice(0, 4)); y <= Number(TODAY.slice(0, 4)); y++) {
    await client.query(
      `CREATE TABLE adm_part_${y} PARTITION OF adm_part FOR VALUES FROM ('${y}-01-01') TO ('${y + 1}-01-01')`,
    );
  }
  await client.query(`INSERT INTO adm_part SELECT * FROM account_daily_metric`);
  await client.query("ALTER TABLE adm_part ADD PRIMARY KEY (agency_id, account_id, day)");
  await client.query("CREATE INDEX adm_part_agency_id_day_idx ON adm_part (agency_id, day)");
  await client.query("ANALYZE adm_part");
  return s(t0);
}

async function swap(client: pg.Client, a: string, b: string): Promise<void> {
  await client.query(
    `ALTER TABLE ${a} RENAME TO swap_tmp; ALTER TABLE ${b} RENAME TO ${a}; ALTER TABLE swap_tmp RENAME TO ${b}`,
  );
}

await withBenchDatabase(async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const db = createDb(url);
  const t0 = performance.now();
  try {
    if (process.env.BENCH_REPORTS_ONLY) {
      const few = dataset(0, 5, SEED);
      await insertAgenciesAndAccounts(client, few.agencies, few.accounts);
      await copyHistory(client, few.accounts);
      await benchReports(client, db);
      return;
    }
    const agencyCount = Math.max(1, Math.round(ACCOUNTS / CHANNELS_PER_AGENCY));
    const one = dataset(0, agencyCount, SEED);
    const nine = dataset(agencyCount, agencyCount * 9, SEED);
    await insertAgenciesAndAccounts(client, one.agencies, one.accounts);
    await insertAgenciesAndAccounts(client, nine.agencies, nine.accounts);
    console.log(`bench:scale — ${RUNS} timed runs per query after one warm-up; times in ms; seed ${SEED}`);

    let t = performance.now();
    const n1 = await copyHistory(client, one.accounts);
    await client.query("ANALYZE account_daily_metric");
    console.log(
      `\n1× data: ${one.agencies.length} agencies, ${one.accounts.length} channels, ${n1.toLocaleString("en")} daily rows loaded by COPY in ${s(t).toFixed(1)} s (${await tableSize(client, "account_daily_metric")})`,
    );
    // A district (not a national body) with its own channels; compare its national body's family.
    const district = one.agencies.find((a) => a.parentId)!;
    const family = one.agencies
      .filter((a) => a.parentId === district.parentId || a.id === district.parentId)
      .map((a) => a.id);
    const base = await measureDashboard(
      `2a. dashboard at 1× (one district, ${CHANNELS_PER_AGENCY} channels)`,
      db,
      district.id,
      family,
      one.agencies.map((a) => a.id),
    );

    t = performance.now();
    const n9 = await copyHistory(client, nine.accounts);
    await client.query("ANALYZE account_daily_metric");
    const all = [...one.agencies, ...nine.agencies].map((a) => a.id);
    console.log(
      `\n10× data: ${all.length} agencies, ${one.accounts.length + nine.accounts.length} channels, ${(n1 + n9).toLocaleString("en")} daily rows (+${n9.toLocaleString("en")} by COPY in ${s(t).toFixed(1)} s; ${await tableSize(client, "account_daily_metric")})`,
    );
    const ten = await measureDashboard(
      "2b. dashboard at 10× (same district, same family; last row: all agencies)",
      db,
      district.id,
      family,
      all,
      base,
    );

    const partSeconds = await partitionedCopy(client);
    await swap(client, "account_daily_metric", "adm_part");
    console.log(
      `\npartitioned copy (RANGE (day), one partition per year, PK + (agency_id, day) index) built in ${partSeconds.toFixed(1)} s; ${await tableSize(client, "account_daily_metric")}`,
    );
    await measureDashboard(
      "2c. dashboard at 10× on the partitioned table (last column: vs the plain table at 10×)",
      db,
      district.id,
      family,
      all,
      ten,
    );

    // Retention: the oldest year out of each table (the partitioned one is under the main name now).
    const oldest = Number(FROM.slice(0, 4));
    t = performance.now();
    const { rowCount } = await client.query(`DELETE FROM adm_part WHERE day < '${oldest + 1}-01-01'`);
    const del = s(t);
    t = performance.now();
    await client.query(
      `ALTER TABLE account_daily_metric DETACH PARTITION adm_part_${oldest}; DROP TABLE adm_part_${oldest}`,
    );
    const drop = s(t);
    console.log(`\n3. retention: remove year ${oldest} (${(rowCount ?? 0).toLocaleString("en")} rows)`);
    console.log(`${"DELETE … WHERE day < (plain table, baseline)".padEnd(48)} ${del.toFixed(2).padStart(8)} s`);
    console.log(
      `${"DETACH + DROP partition".padEnd(48)} ${drop.toFixed(2).padStart(8)} s   (${(del / Math.max(drop, 0.001)).toFixed(0)}× faster)`,
    );
    await swap(client, "account_daily_metric", "adm_part");
    await benchReports(client, db);
    console.log(`\ntotal ${s(t0).toFixed(0)} s`);
  } finally {
    await client.end();
    await db.$disconnect();
  }
});
