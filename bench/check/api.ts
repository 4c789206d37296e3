/**
 * Rows `api_growth_p95_vs_sql`, `api_compare_p95_vs_sql` and `api_overview_p95_ms_over_sql`: the
 * dashboard's JSON routes through HTTP with a signed-in session, p95 of interleaved requests,
 * against the bare SQL of the same aggregate over a pg connection in the same run.
 */
import type pg from "pg";
import { addDays, weekStart } from "@/lib/time";
import { log, round, timedPair, type Result, type Timing } from "./common";
import { TODAY } from "./data";
import type { Server } from "./server";

// p95 of 100 is the sixth-slowest request; of 30 it was the second-slowest, i.e. mostly noise from other work.
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);

export const bareGrowth = (client: pg.Client, agencyId: string, from: string, to: string) => () =>
  client.query(
    `
  SELECT account_id, date_trunc('week', day::timestamp)::date AS bucket, (array_agg(followers ORDER BY day DESC))[1] AS followers
  FROM account_daily_metric WHERE agency_id = $1::uuid AND day >= $2::date AND day <= $3::date AND followers IS NOT NULL
  GROUP BY 1, 2`,
    [agencyId, from, to],
  );

export const bareCompare = (client: pg.Client, ids: string[], from: string, to: string) => () =>
  client.query(
    `
  SELECT agency_id, sum(impressions), sum(posts_published), sum(replies_received)
  FROM account_daily_metric WHERE agency_id = ANY($1::uuid[]) AND day >= $2::date AND day <= $3::date
  GROUP BY agency_id`,
    [ids, from, to],
  );

const bareOverview = (client: pg.Client, agencyId: string) => {
  const thisWeek = weekStart(TODAY);
  return () =>
    client.query(
      `
    SELECT account_id, (array_agg(followers ORDER BY day DESC) FILTER (WHERE followers IS NOT NULL))[1] AS audience,
           sum(impressions) FILTER (WHERE day >= $2::date) AS reach_this, sum(impressions) FILTER (WHERE day < $2::date) AS reach_last,
           sum(replies_received) FILTER (WHERE day >= $2::date) AS replies_this
    FROM account_daily_metric WHERE agency_id = $1::uuid AND day >= $3::date AND day <= $4::date
    GROUP BY account_id`,
      [agencyId, thisWeek, addDays(thisWeek, -14), TODAY],
    );
};

const logRow = (label: string, http: Timing, sql: Timing) =>
  log(
    `${label.padEnd(34)} ${http.p50.toFixed(1).padStart(9)} ${http.p95.toFixed(1).padStart(9)} ${sql.p50.toFixed(1).padStart(8)} ${sql.p95.toFixed(1).padStart(8)} ${(http.p95 / sql.p95).toFixed(2).padStart(6)}`,
  );

export type ApiScope = { district: { id: string; slug: string }; family: { id: string; slug: string }[] };

export async function apiRows(server: Server, client: pg.Client, scope: ApiScope): Promise<Result[]> {
  const yearAgo = addDays(TODAY, -364);
  const { district, family } = scope;
  const qs = `range=custom&from=${yearAgo}&to=${TODAY}`;
  const cases = [
    [
      "growth 12 months weekly",
      () => server.get(`/api/agencies/${district.slug}/growth?${qs}&bucket=week`),
      bareGrowth(client, district.id, yearAgo, TODAY),
    ],
    [
      `compare ${family.length} agencies, 12 months`,
      () =>
        server.get(`/api/agencies/${district.slug}/compare?${qs}&${family.map((a) => `agency=${a.slug}`).join("&")}`),
      bareCompare(
        client,
        family.map((a) => a.id),
        yearAgo,
        TODAY,
      ),
    ],
    [
      "overview",
      () => server.get(`/api/agencies/${district.slug}/overview?range=30d`),
      bareOverview(client, district.id),
    ],
  ] as const;
  // A server in service has answered thousands of requests: V8 has optimised Next.js's and the routes' hot
  // code and the heap has grown to its working size. A freshly started one does that in its first ~600
  // requests (here, 100 requests around the 500th had twice the p95 of those after), so first this many
  // untimed requests per route.
  for (const [, http] of cases) for (let i = 0; i < WARMUP; i++) await http();
  log(
    `\nJSON API over HTTP (signed in) vs bare SQL, ${RUNS} interleaved runs each after ${WARMUP} untimed requests per route, ms`,
  );
  log(
    `${"route".padEnd(34)} ${"HTTP p50".padStart(9)} ${"HTTP p95".padStart(9)} ${"SQL p50".padStart(8)} ${"SQL p95".padStart(8)} ${"p95 ÷".padStart(6)}`,
  );
  const out: Record<string, { http: number; sql: number }> = {};
  for (const [label, http, sql] of cases) {
    const [h, b] = await timedPair(http, sql, RUNS);
    out[label.split(" ")[0]!] = { http: h.p95, sql: b.p95 };
    logRow(label, h, b);
  }
  // Growth reuses its answer per data version like the others: the rows above time a repeated request.
  // Here every request is computed (its range a day earlier each time), beside the same range's SQL.
  let back = 0;
  const shifted = () => ({ from: addDays(yearAgo, -back), to: addDays(TODAY, -back) });
  const [coldHttp, coldSql] = await timedPair(
    () => {
      back++;
      const { from, to } = shifted();
      return server.get(`/api/agencies/${district.slug}/growth?range=custom&from=${from}&to=${to}&bucket=week`);
    },
    () => {
      const { from, to } = shifted();
      return bareGrowth(client, district.id, from, to)();
    },
    RUNS,
  );
  logRow("growth, computed (range a day back)", coldHttp, coldSql);
  return [
    {
      name: "api_growth_p95_vs_sql",
      value: round(out.growth!.http / out.growth!.sql),
      goal: "≤ 1.5",
      note: "growth 12 months weekly, HTTP p95 ÷ bare SQL p95 (a repeated request: the answer reused per data version)",
    },
    {
      name: "api_growth_cold_p95_vs_sql",
      value: round(coldHttp.p95 / coldSql.p95),
      goal: "info",
      note: "the same, every request computed anew (its range a day earlier each time)",
    },
    {
      name: "api_compare_p95_vs_sql",
      value: round(out.compare!.http / out.compare!.sql),
      goal: "≤ 1.5",
      note: "compare of a family of agencies, 12 months",
    },
    {
      name: "api_overview_p95_ms_over_sql",
      value: round(out.overview!.http - out.overview!.sql, 1),
      goal: "≤ 3",
      note: "overview, HTTP p95 − bare SQL p95 (ms)",
    },
  ];
}

/**
 * `compare_all_10x_vs_1x`, one half: p50 of the compare route from the national body with every
 * agency of the deployment chosen (the body is the parent of all of them, so its compare offers
 * them all). Refuses to time a request that did not compare all of them. The route reuses its
 * answer per data version, so repeating one request times the reused answer (`warm`, the row);
 * `cold` is the p50 of as many requests whose range moves back a day each time, every one computed.
 */
export async function compareAll(
  server: Server,
  from: { slug: string },
  slugs: string[],
): Promise<{ warm: number; cold: number }> {
  const runs = Math.max(10, Math.round(RUNS / 2));
  const path = (back: number) =>
    `/api/agencies/${from.slug}/compare?range=custom&from=${addDays(TODAY, -364 - back)}&to=${addDays(TODAY, -back)}&${slugs.map((s) => `agency=${s}`).join("&")}`;
  const answer = JSON.parse((await server.get(path(0))).text ?? "{}") as { data: unknown[] };
  if (answer.data.length !== slugs.length)
    throw new Error(`the compare answered ${answer.data.length} agencies, not the ${slugs.length} chosen`);
  const [warm] = await timedPair(
    () => server.get(path(0)),
    async () => undefined,
    runs,
  );
  // Apart from the warm runs: a computed answer's garbage would fall on the reused one after it.
  let back = 0;
  const [cold] = await timedPair(
    () => server.get(path(++back)),
    async () => undefined,
    runs,
  );
  return { warm: warm.p50, cold: cold.p50 };
}
