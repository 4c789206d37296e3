/**
 * `npm run bench:dashboard`: how fast the dashboard queries answer for an agency with 20 channels
 * and 5 years of daily history, next to the bare SQL of the same aggregate in the same run.
 * Not a timed test: it prints, it does not assert. Uses DATABASE_URL's (local) server when set,
 * otherwise an embedded PostgreSQL; either way in a database of its own that it drops afterwards.
 */
import { performance } from "node:perf_hooks";
import { Prisma } from "@/lib/generated/prisma/client";
import { createDb, type Db } from "@/lib/db/client";
import { upsertDailyMetrics, type DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import { getAgencyOverview } from "@/lib/queries/getAgencyOverview";
import { getChannelGrowth } from "@/lib/queries/getChannelGrowth";
import { addDays, weekStart, type Day } from "@/lib/time";
import { withBenchDatabase } from "./benchDatabase";

const ACCOUNTS = 20;
const YEARS = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TODAY: Day = "2026-11-23";
const PLATFORMS = ["twitter", "facebook", "youtube", "mastodon", "bluesky"] as const;

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up: plan caches, connection
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function seed(db: Db): Promise<string> {
  const agency = await db.agency.create({ data: { slug: "bench", name: "Benchmark-etaten" } });
  const from = addDays(TODAY, -365 * YEARS);
  for (let a = 0; a < ACCOUNTS; a++) {
    const account = await db.account.create({
      data: {
        agencyId: agency.id,
        platform: PLATFORMS[a % PLATFORMS.length]!,
        handle: `konto${a}`,
        displayName: `Konto ${a}`,
      },
    });
    const rows: DailyMetricInput[] = [];
    let followers = 1_000 * (a + 1);
    for (let d = from, i = 0; d < TODAY; d = addDays(d, 1), i++) {
      followers += (i * 7 + a * 13) % 11;
      if ((i + a) % 97 === 0) continue; // the odd collection gap
      rows.push({
        agencyId: agency.id,
        accountId: account.id,
        day: d,
        followers,
        impressions: 500 + ((i * 31) % 400),
        reach: 300,
        engagements: 12,
        repliesReceived: i % 5,
        postsPublished: 1 + (i % 3),
      });
    }
    await upsertDailyMetrics(db, rows);
  }
  await db.$executeRawUnsafe("ANALYZE");
  return agency.id;
}

async function main(url: string) {
  const db = createDb(url);
  try {
    const t0 = performance.now();
    const agencyId = await seed(db);
    const count = await db.accountDailyMetric.count();
    console.log(
      `seeded ${count} daily rows (${ACCOUNTS} channels × ${YEARS} years) through lib/ingest in ${((performance.now() - t0) / 1000).toFixed(1)} s; median of ${RUNS} runs each\n`,
    );

    const thisWeek = weekStart(TODAY);
    const bareOverview = () =>
      db.$queryRaw(Prisma.sql`
      SELECT account_id, (array_agg(followers ORDER BY day DESC) FILTER (WHERE followers IS NOT NULL))[1] AS audience,
             sum(impressions) FILTER (WHERE day >= ${thisWeek}::date) AS reach_this, sum(impressions) FILTER (WHERE day < ${thisWeek}::date) AS reach_last,
             sum(replies_received) FILTER (WHERE day >= ${thisWeek}::date) AS replies_this
      FROM account_daily_metric WHERE agency_id = ${agencyId}::uuid AND day >= ${addDays(thisWeek, -14)}::date AND day <= ${TODAY}::date
      GROUP BY account_id`);
    const bareGrowth = (from: Day, unit: string) => () =>
      db.$queryRaw(Prisma.sql`
      SELECT account_id, date_trunc(${unit}, day::timestamp)::date AS bucket, (array_agg(followers ORDER BY day DESC))[1] AS followers
      FROM account_daily_metric WHERE agency_id = ${agencyId}::uuid AND day >= ${from}::date AND day <= ${TODAY}::date AND followers IS NOT NULL
      GROUP BY 1, 2`);
    const all = addDays(TODAY, -365 * YEARS);
    const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      ["overview (getAgencyOverview)", () => getAgencyOverview(db, { agencyId, today: TODAY }), bareOverview],
      [
        "growth 90 days by day",
        () => getChannelGrowth(db, { agencyId, from: addDays(TODAY, -89), to: TODAY, bucket: "day" }),
        bareGrowth(addDays(TODAY, -89), "day"),
      ],
      [
        "growth 12 months by week",
        () => getChannelGrowth(db, { agencyId, from: addDays(TODAY, -364), to: TODAY, bucket: "week" }),
        bareGrowth(addDays(TODAY, -364), "week"),
      ],
      [
        "growth all (5 years) by week",
        () => getChannelGrowth(db, { agencyId, from: all, to: TODAY, bucket: "week" }),
        bareGrowth(all, "week"),
      ],
      [
        "growth all (5 years) by month",
        () => getChannelGrowth(db, { agencyId, from: all, to: TODAY, bucket: "month" }),
        bareGrowth(all, "month"),
      ],
    ];
    console.log(
      `${"query".padEnd(32)} ${"function ms".padStart(12)} ${"bare SQL ms".padStart(12)} ${"ratio".padStart(7)}`,
    );
    for (const [label, fn, bare] of cases) {
      const f = await median(fn);
      const b = await median(bare);
      console.log(
        `${label.padEnd(32)} ${f.toFixed(1).padStart(12)} ${b.toFixed(1).padStart(12)} ${(f / b).toFixed(2).padStart(7)}`,
      );
    }
  } finally {
    await db.$disconnect();
  }
}

await withBenchDatabase(main);
