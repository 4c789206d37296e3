/**
 * `npm run generate -- --agencies 300 --accounts 12000 --years 5 --seed 1 [--scale 0.05] [--via copy|upsert|both] [--into URL]`
 *
 * A national deployment, deterministic per seed: agencies in a hierarchy, channels on all
 * platforms, daily metrics, posts with metrics and replies. Daily metrics go through the
 * collectors' upsert (lib/ingest/dailyMetrics.ts), through bulk COPY, or both (history by COPY,
 * the last 30 days by the upsert, the way a backfill followed by collection would write them).
 * Posts and replies are bulk-loaded with COPY. Without --into it writes into a throwaway database
 * on DATABASE_URL's local server (or an embedded PostgreSQL), prints the sizes and drops it.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { z } from "zod";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { upsertDailyMetrics, type DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import { addDays, type Day } from "@/lib/time";
import { assertLocalDatabase } from "../tests/helpers/pgServer";
import { withBenchDatabase } from "./benchDatabase";
import {
  buildAccounts,
  buildAgencies,
  copyContent,
  copyLines,
  DAILY_COPY_COLUMNS,
  dailyRowLine,
  dailyRows,
  insertAgenciesAndAccounts,
} from "./nationalData";

const Options = z.object({
  agencies: z.coerce.number().int().min(1).max(100_000).default(300),
  accounts: z.coerce.number().int().min(1).max(10_000_000).default(12_000),
  years: z.coerce.number().min(0.1).max(20).default(5),
  seed: z.coerce.number().int().default(1),
  scale: z.coerce.number().positive().max(1).default(1),
  via: z.enum(["copy", "upsert", "both"]).default("both"),
  postsPerDay: z.coerce.number().min(0).max(100).default(1.83),
  repliesPerPost: z.coerce.number().min(0).max(100).default(2.5),
  contentDays: z.coerce.number().int().min(0).optional(),
  today: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .default("2026-11-23"),
  into: z.string().optional(),
});
export type GenerateOptions = z.infer<typeof Options>;

export function parseArgs(argv: string[]): GenerateOptions {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)$/.exec(argv[i]!);
    if (!m || argv[i + 1] === undefined) throw new Error(`unexpected argument ${argv[i]} (expected --name value)`);
    raw[m[1]!.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = argv[++i]!;
  }
  const parsed = Options.safeParse(raw);
  if (!parsed.success)
    throw new Error(`bad options: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

export async function generate(
  url: string,
  o: GenerateOptions,
  log: (line: string) => void = console.log,
): Promise<void> {
  const agencyCount = Math.max(1, Math.round(o.agencies * o.scale));
  const accountCount = Math.max(agencyCount, Math.round(o.accounts * o.scale));
  const historyDays = Math.round(o.years * 365.25);
  const contentDays = Math.min(o.contentDays ?? historyDays, historyDays);
  const from = addDays(o.today, -historyDays);
  const upsertFrom: Day = o.via === "copy" ? o.today : o.via === "upsert" ? from : addDays(o.today, -30);
  log(
    `generating seed ${o.seed}: ${agencyCount} agencies, ${accountCount} channels, ${historyDays} days of daily metrics ` +
      `(${from} … ${addDays(o.today, -1)}), posts/replies over the last ${contentDays} days`,
  );
  log(
    `daily metrics via: ${o.via === "both" ? `COPY up to ${upsertFrom}, then lib/ingest upsertDailyMetrics` : o.via === "copy" ? "COPY" : "lib/ingest upsertDailyMetrics"}; posts and replies via COPY\n`,
  );

  const agencies = buildAgencies(agencyCount, o.seed);
  const accounts = buildAccounts(agencies, accountCount, o.seed);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const db = createDb(url);
  try {
    let t0 = performance.now();
    await insertAgenciesAndAccounts(client, agencies, accounts);
    log(`agencies + channels: ${seconds(t0)} s`);

    t0 = performance.now();
    let copied = 0;
    if (upsertFrom > from) {
      await copyLines(
        client,
        "account_daily_metric",
        DAILY_COPY_COLUMNS,
        (function* () {
          for (const account of accounts)
            for (const row of dailyRows(account, from, o.today, o.seed))
              if (row.day < upsertFrom) {
                copied++;
                yield dailyRowLine(row);
              }
        })(),
      );
      log(`daily metrics by COPY: ${copied.toLocaleString("en")} rows in ${seconds(t0)} s`);
    }
    // Only the upsert calls are timed: picking the recent days out of each history is generation.
    let upsertMs = 0;
    let upserted = 0;
    let batch: DailyMetricInput[] = [];
    const flush = async () => {
      const started = performance.now();
      upserted += await upsertDailyMetrics(db, batch);
      upsertMs += performance.now() - started;
      batch = [];
    };
    for (const account of accounts) {
      for (const row of dailyRows(account, from, o.today, o.seed)) if (row.day >= upsertFrom) batch.push(row);
      if (batch.length >= 20_000) await flush();
    }
    if (batch.length) await flush();
    if (upserted)
      log(
        `daily metrics by upsertDailyMetrics: ${upserted.toLocaleString("en")} rows in ${(upsertMs / 1000).toFixed(1)} s of upsert calls`,
      );

    t0 = performance.now();
    const content =
      contentDays > 0
        ? await copyContent(client, accounts, {
            to: o.today,
            days: contentDays,
            postsPerDay: o.postsPerDay,
            repliesPerPost: o.repliesPerPost,
            seed: o.seed,
          })
        : { posts: 0, replies: 0 };
    log(
      `posts + replies by COPY: ${content.posts.toLocaleString("en")} posts, ${content.replies.toLocaleString("en")} replies in ${seconds(t0)} s`,
    );
    t0 = performance.now();
    await client.query("ANALYZE");
    log(`ANALYZE: ${seconds(t0)} s\n`);
    await printSizes(client, log);
  } finally {
    await client.end();
    await db.$disconnect();
  }
}

export async function printSizes(client: pg.Client, log: (line: string) => void = console.log): Promise<void> {
  const { rows } = await client.query<{ table: string; rows: string; mb: string }>(`
    SELECT t AS table, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', t), false, true, '')))[1]::text AS rows,
           round(pg_total_relation_size(t::regclass) / 1048576.0, 1)::text AS mb
    FROM unnest(ARRAY['agency', 'account', 'account_daily_metric', 'post', 'reply']) AS t`);
  log(`${"table".padEnd(22)} ${"rows".padStart(12)} ${"MB (with indexes)".padStart(18)}`);
  for (const r of rows)
    log(`${r.table.padEnd(22)} ${Number(r.rows).toLocaleString("en").padStart(12)} ${r.mb.padStart(18)}`);
  const {
    rows: [db],
  } = await client.query<{ mb: string }>(
    "SELECT round(pg_database_size(current_database()) / 1048576.0, 1)::text AS mb",
  );
  log(`${"database".padEnd(22)} ${"".padStart(12)} ${db!.mb.padStart(18)}`);
}

if (process.argv[1]?.endsWith("generate.ts")) {
  const options = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  if (options.into) {
    assertLocalDatabase(options.into);
    await migrate(options.into);
    await generate(options.into, options);
  } else {
    await withBenchDatabase((url) => generate(url, options));
  }
  console.log(`\ntotal ${seconds(t0)} s`);
}
