/**
 * Rows `growth_5y_html_kb` and `growth_5y_html_vs_json`: the growth page for five years by week of
 * an agency with 40 channels — its HTML size as the browser receives it (uncompressed), and its
 * p50 time against the JSON route's computed answer for a range of the same length.
 */
import { addDays } from "@/lib/time";
import { log, round, timedPair, type Result } from "./common";
import { TODAY } from "./data";
import type { Server } from "./server";

export async function growthPageRows(server: Server, agency: { slug: string }): Promise<Result[]> {
  const from = addDays(TODAY, -Math.round(5 * 365.25) + 1);
  const qs = `range=custom&from=${from}&to=${TODAY}&bucket=week`;
  const page = await server.get(`/agencies/${agency.slug}/growth?${qs}`);
  if (process.env.BENCH_DUMP) (await import("node:fs")).writeFileSync(process.env.BENCH_DUMP, page.text ?? "");
  const json = await server.get(`/api/agencies/${agency.slug}/growth?${qs}`);
  // The JSON route reuses its answer per data version and the page does not: every JSON request here
  // is computed, its range a day earlier each time (the same length), so both sides do the same work.
  let back = 0;
  const [p, j] = await timedPair(
    () => server.get(`/agencies/${agency.slug}/growth?${qs}`),
    () => {
      back++;
      return server.get(
        `/api/agencies/${agency.slug}/growth?range=custom&from=${addDays(from, -back)}&to=${addDays(TODAY, -back)}&bucket=week`,
      );
    },
    10,
  );
  log(
    `\ngrowth, 5 years by week, 40 channels: page HTML ${(page.bytes / 1024).toFixed(0)} kB in ${p.p50.toFixed(0)} ms (p50); JSON route ${(json.bytes / 1024).toFixed(0)} kB in ${j.p50.toFixed(0)} ms`,
  );
  return [
    {
      name: "growth_5y_html_kb",
      value: round(page.bytes / 1024, 0),
      goal: "≤ 300",
      note: "HTML of the 5-year weekly growth page, kB",
    },
    {
      name: "growth_5y_html_vs_json",
      value: round(p.p50 / j.p50),
      goal: "≤ 2",
      note: "page p50 ÷ JSON route p50, same length of range, both computed",
    },
  ];
}
