/**
 * Rows `ingest_new_vs_copy` and `ingest_conflict_vs_copy`: the collectors' upsertDailyMetrics
 * (lib/ingest) against plain `COPY … FROM STDIN` of the same rows into the same indexed table.
 * Three rounds, each COPY → upsert of new rows → upsert of the same rows again (every row a
 * conflict: a re-collection with the values unchanged, as for days already collected); the ratio is
 * rows/s against the same round's COPY, median of rounds. A re-collection in which every row's
 * followers changed is printed beside them ("changed").
 */
import { performance } from "node:perf_hooks";
import type pg from "pg";
import type { Db } from "@/lib/db/client";
import { upsertDailyMetrics, type DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import { addDays } from "@/lib/time";
import { copyLines, DAILY_COPY_COLUMNS, dailyRowLine, dailyRows, insertAgenciesAndAccounts } from "../nationalData";
import { log, median, round, seconds, type Result } from "./common";
import { CHANNELS_PER_AGENCY, nationalSet, SEED, TODAY } from "./data";

const CHANNELS = Number(process.env.BENCH_INGEST_CHANNELS ?? 60);
const ROUNDS = 3;

export async function ingestRows(client: pg.Client, db: Db): Promise<Result[]> {
  const set = nationalSet(50_000, Math.ceil(CHANNELS / CHANNELS_PER_AGENCY));
  await insertAgenciesAndAccounts(client, set.agencies, set.accounts);
  const accounts = set.accounts;
  const rows: DailyMetricInput[] = accounts.flatMap((a) => [
    ...dailyRows(a, addDays(TODAY, -Math.round(5 * 365.25)), TODAY, SEED),
  ]);
  const clear = () =>
    client
      .query("DELETE FROM account_daily_metric WHERE agency_id = ANY($1::uuid[])", [set.agencies.map((a) => a.id)])
      .then(() => client.query("VACUUM account_daily_metric"));
  const changedRows = rows.map((r) => ({ ...r, followers: (r.followers ?? 0) + 1 }));
  const fresh: number[] = [];
  const conflict: number[] = [];
  log(
    `\ningestion: ${rows.length.toLocaleString("en")} daily rows (${accounts.length} channels × 5 years) into the indexed table, ${ROUNDS} rounds`,
  );
  log(
    `${"round".padEnd(6)} ${"COPY s".padStart(8)} ${"upsert new s".padStart(13)} ${"upsert again s".padStart(15)} ${"new ×COPY".padStart(10)} ${"again ×COPY".padStart(12)} ${"changed ×COPY".padStart(14)}`,
  );
  for (let r = 1; r <= ROUNDS; r++) {
    await clear();
    let t0 = performance.now();
    await copyLines(client, "account_daily_metric", DAILY_COPY_COLUMNS, rows.map(dailyRowLine)); // the same rows, serialised in the timing as the upsert's are
    const copy = seconds(t0);
    await clear();
    t0 = performance.now();
    await upsertDailyMetrics(db, rows);
    const insert = seconds(t0);
    t0 = performance.now();
    await upsertDailyMetrics(db, rows);
    const again = seconds(t0);
    t0 = performance.now();
    await upsertDailyMetrics(db, changedRows);
    const changed = seconds(t0);
    fresh.push(copy / insert);
    conflict.push(copy / again);
    log(
      `${String(r).padEnd(6)} ${copy.toFixed(2).padStart(8)} ${insert.toFixed(2).padStart(13)} ${again.toFixed(2).padStart(15)} ${(copy / insert).toFixed(2).padStart(10)} ${(copy / again).toFixed(2).padStart(12)} ${(copy / changed).toFixed(2).padStart(14)}`,
    );
  }
  await clear();
  return [
    {
      name: "ingest_new_vs_copy",
      value: round(median(fresh)),
      goal: "≥ 0.8",
      note: "upsertDailyMetrics of new rows, rows/s ÷ COPY's (median of rounds)",
    },
    {
      name: "ingest_conflict_vs_copy",
      value: round(median(conflict)),
      goal: "≥ 0.9",
      note: "upsertDailyMetrics of re-collected rows ÷ COPY of new rows",
    },
  ];
}
