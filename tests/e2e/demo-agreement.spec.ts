import { expect, test, type Page } from "@playwright/test";
import { DEMO_AGENCIES } from "@/lib/demo/catalog";

/**
 * What a person reads on the overview and growth pages of every demo agency, at two ranges, is what
 * the JSON route of the same scope answers: the key figures, the channel tables, the range table,
 * the data tables behind the charts and the comparison panel. Figures are found by their data-*
 * attributes (not by wording) and read as the page shows them (Norwegian number format).
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
const RANGES = ["range=30d&bucket=week", "range=12m&bucket=month&compare=previous"] as const;

/** The language the page is shown in (the figures follow its number format). */
let lang = "nb";

/** A figure as shown: "62 240", "+1 204", "−310", "1,9 %", "312 400 (25.11.2026)" (in English "62,240", "1.9%"); "–" is a gap. */
function shown(text: string | null | undefined): number | null {
  let t = (text ?? "")
    .replace(/\s*\(.*\)\s*$/, "")
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/\u2212/g, "-")
    .replace(/%$/, "");
  if (t === "–" || t === "") return null;
  t = lang === "en" ? t.replace(/,/g, "") : t.replace(",", ".");
  const value = Number(t);
  expect(Number.isNaN(value), `a figure, not "${text}"`).toBe(false);
  return value;
}
/** A share (0.019) shown as a percentage with at most one decimal ("1,9 %"). */
function expectShare(where: string, text: string | null, share: number | null) {
  const v = shown(text);
  if (share === null) expect(v, where).toBeNull();
  else expect(Math.abs(v! - share * 100), `${where}: ${text} against ${share}`).toBeLessThanOrEqual(0.0501);
}

async function api(page: Page, slug: string, path: string, query: string) {
  const res = await page.request.get(`/api/agencies/${slug}/${path}?${query}`);
  expect(res.status(), `${path}?${query}`).toBe(200);
  return ((await res.json()) as { data: any }).data;
}

/** Every table cell with a row key and a column name, as `row/col` → text. */
async function cells(page: Page, table: string): Promise<Map<string, string>> {
  const all = await page
    .locator(`table[data-table="${table}"] tr[data-row] td[data-col]`)
    .evaluateAll((tds) =>
      tds.map((td) => [`${td.closest("tr")!.getAttribute("data-row")}/${td.getAttribute("data-col")}`, td.textContent]),
    );
  return new Map(all as [string, string][]);
}

async function checkOverview(page: Page, slug: string, query: string) {
  await page.goto(`/agencies/${slug}?${query}`);
  lang = (await page.locator("main [lang]").first().getAttribute("lang")) ?? "nb";
  const o = await api(page, slug, "overview", query);
  const stats = new Map(
    (await page
      .locator("[data-stat] .stat-value")
      .evaluateAll((ps) =>
        ps.map((p) => [
          p.closest("[data-stat]")!.getAttribute("data-stat"),
          [p.getAttribute("data-value"), p.textContent],
        ]),
      )) as [string, [string, string]][],
  );
  const figures: [string, number | null][] = [
    ["total-audience", o.totalAudience],
    ["change-this-week", o.totalChangeThisWeek],
    ["impressions-this-week", o.impressionsThisWeek],
    ["replies-this-week", o.repliesThisWeek],
  ];
  for (const [name, value] of figures) {
    const [raw, text] = stats.get(name) ?? [];
    expect(raw, `${slug} ${name} data-value`).toBe(value === null ? "" : String(value));
    expect(shown(text), `${slug} ${name} as shown`).toBe(value);
  }
  if (o.channels.length === 0) return;
  const table = await cells(page, "overview-channels");
  const columns: [string, string][] = [
    ["audience", "audience"],
    ["change-this-week", "changeThisWeek"],
    ["change-last-week", "changeLastWeek"],
    ["impressions-this-week", "impressionsThisWeek"],
    ["reach-this-week", "reachThisWeek"],
    ["replies-this-week", "repliesThisWeek"],
  ];
  for (const ch of o.channels)
    for (const [col, key] of columns)
      expect(shown(table.get(`${ch.accountId}/${col}`)), `${slug} ${ch.handle} ${col}`).toBe(ch[key]);
}

async function checkComparison(page: Page, slug: string, query: string) {
  const c = await api(page, slug, "comparison", query);
  const panel = page.locator("[data-comparison]");
  if (c === null) return expect(panel).toHaveCount(0);
  await expect(panel).toHaveAttribute("data-current", `${c.comparison.current.from}/${c.comparison.current.to}`);
  const values = new Map(
    (await page
      .locator("[data-cmp]")
      .evaluateAll((spans) =>
        spans.map((s) => [s.getAttribute("data-cmp"), [s.getAttribute("data-value"), s.textContent]]),
      )) as [string, [string, string]][],
  );
  for (const [metric, v] of Object.entries(c.total.values) as [string, any][])
    for (const side of ["current", "other", "change"] as const) {
      const [raw, text] = values.get(`${metric}-${side}`) ?? [];
      expect(raw, `${slug} comparison ${metric} ${side}`).toBe(v[side] === null ? "" : String(v[side]));
      expect(shown(text), `${slug} comparison ${metric} ${side} as shown`).toBe(
        v[side] === null ? null : Math.round(v[side]),
      );
    }
}

async function checkGrowth(page: Page, slug: string, query: string) {
  await page.goto(`/agencies/${slug}/growth?${query}`);
  lang = (await page.locator("main [lang]").first().getAttribute("lang")) ?? "nb";
  const g = await api(page, slug, "growth", query);
  if (g.accounts.length === 0) return;
  const summary = await cells(page, "growth-summary");
  for (const s of g.summary) {
    expect(shown(summary.get(`${s.accountId}/start`)), `${slug} ${s.handle} start`).toBe(s.start);
    expect(shown(summary.get(`${s.accountId}/end`)), `${slug} ${s.handle} end`).toBe(s.end);
    expect(shown(summary.get(`${s.accountId}/change`)), `${slug} ${s.handle} change`).toBe(s.change);
    expectShare(`${slug} ${s.handle} change %`, summary.get(`${s.accountId}/change-share`) ?? null, s.changeShare);
  }
  // The data tables of the charts: one row per bucket, one column per channel or platform.
  for (const [table, lines] of [
    ["growth-accounts", g.accounts],
    ["growth-platforms", g.platforms],
  ] as const) {
    const shownCells = await cells(page, table);
    expect(shownCells.size, `${slug} ${table} cells`).toBe(g.buckets.length * lines.length);
    for (const line of lines)
      g.buckets.forEach((b: string, i: number) =>
        expect(shown(shownCells.get(`${i}/${line.key}`)), `${slug} ${table} ${line.label} ${b}`).toBe(line.absolute[i]),
      );
  }
}

for (const agency of DEMO_AGENCIES) {
  test(`${agency.slug}: the overview and growth pages show the JSON route's figures at two ranges`, async ({
    page,
  }) => {
    for (const query of RANGES) {
      await checkOverview(page, agency.slug, query);
      await checkComparison(page, agency.slug, query);
      await checkGrowth(page, agency.slug, query);
      await checkComparison(page, agency.slug, query);
    }
  });
}
