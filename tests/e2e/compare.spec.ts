import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { formatNumber } from "@/lib/format";
import { STATE } from "./fixtures";

const OSLO = "/agencies/oslo-politidistrikt";
const HOD = "/agencies/helse-og-omsorgsdepartementet";
const API_OSLO = "/api/agencies/oslo-politidistrikt";
const API_HOD = "/api/agencies/helse-og-omsorgsdepartementet";

async function expectNoAxeViolations(page: Page) {
  await page.locator("details").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(
    results.violations.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")})`,
    ),
  ).toEqual([]);
}

/** Impressions of all channels over a period, from the reach JSON route (the engine's own figures), added by the engine's rule. */
async function impressionsFromEngine(request: APIRequestContext, from: string, to: string): Promise<number | null> {
  const body = await (await request.get(`${API_OSLO}/reach?from=${from}&to=${to}&bucket=month`)).json();
  const values = (body.data.channels as { total: { impressions: number | null } }[])
    .map((c) => c.total.impressions)
    .filter((v) => v !== null) as number[];
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
}

async function repliesFromEngine(request: APIRequestContext, from: string, to: string): Promise<number> {
  const body = await (await request.get(`${API_OSLO}/replies?from=${from}&to=${to}&bucket=month`)).json();
  return (body.data.channels as { total: number | null }[]).reduce((a, c) => a + (c.total ?? 0), 0);
}

const cmp = (page: Page, name: string) => page.locator(`[data-cmp="${name}"]`).first();

for (const mode of ["previous", "year"] as const) {
  test(`last quarter beside the ${mode === "previous" ? "previous quarter" : "same quarter last year"}: both columns are the engine's figures for those periods`, async ({
    page,
    request,
  }) => {
    await page.goto(`${OSLO}/reach?range=lastQuarter&compare=${mode}`);
    const section = page.locator("[data-comparison]");
    await expect(section).toHaveAttribute("data-comparison", mode);
    const [curFrom, curTo] = (await section.getAttribute("data-current"))!.split("/");
    const [otherFrom, otherTo] = (await section.getAttribute("data-other"))!.split("/");
    expect(curFrom!.slice(5)).toMatch(/^(01|04|07|10)-01$/);
    expect(otherFrom!.slice(5)).toMatch(/^(01|04|07|10)-01$/);
    const engineNow = await impressionsFromEngine(request, curFrom!, curTo!);
    const engineThen = await impressionsFromEngine(request, otherFrom!, otherTo!);
    expect(Number(await cmp(page, "impressions-current").getAttribute("data-value"))).toBe(engineNow);
    expect(Number(await cmp(page, "impressions-other").getAttribute("data-value"))).toBe(engineThen);
    await expect(cmp(page, "impressions-current")).toHaveText(formatNumber(engineNow, "nb"));
    await expect(cmp(page, "impressions-other")).toHaveText(formatNumber(engineThen, "nb"));
    expect(Number(await cmp(page, "impressions-change").getAttribute("data-value"))).toBe(engineNow! - engineThen!);
    expect(Number(await cmp(page, "replies-current").getAttribute("data-value"))).toBe(
      await repliesFromEngine(request, curFrom!, curTo!),
    );
    expect(Number(await cmp(page, "replies-other").getAttribute("data-value"))).toBe(
      await repliesFromEngine(request, otherFrom!, otherTo!),
    );
    await expect(page.locator("[data-comparison-partial]")).toHaveCount(0);
  });
}

test("the e-mail to 10 000 of 50 000 businesses is in the comparison of its month: reached and coverage", async ({
  page,
}) => {
  await page.goto(`${OSLO}/campaigns?from=01.10.2017&to=31.10.2017&compare=year`);
  await expect(cmp(page, "campaign-reached-current")).toHaveAttribute("data-value", "10000");
  await expect(cmp(page, "campaign-coverage-current")).toHaveText("20 %");
  await expect(cmp(page, "campaign-sent-other")).toHaveAttribute("data-value", "0");
});

test("this quarter so far is compared with as many days of the previous quarter, labelled as a part period", async ({
  page,
}) => {
  await page.goto(`${OSLO}/growth?range=quarter&compare=previous`);
  const section = page.locator("[data-comparison]");
  const [curFrom, curTo] = (await section.getAttribute("data-current"))!.split("/");
  const [otherFrom, otherTo] = (await section.getAttribute("data-other"))!.split("/");
  const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;
  expect(days(otherFrom!, otherTo!)).toBe(days(curFrom!, curTo!));
  await expect(page.locator("[data-comparison-partial]")).toContainText("aldri med en hel periode");
  await expect(page.locator("[data-comparison-partial]")).toContainText("I dag er ikke ferdig");
});

test("every dashboard page offers the comparison, and its CSV carries both periods", async ({ page, request }) => {
  for (const path of ["", "/growth", "/reach", "/posts", "/replies", "/compare", "/campaigns"]) {
    await page.goto(`${OSLO}${path}?range=ytd&compare=year`);
    await expect(page.getByRole("heading", { name: "Sammenligning", exact: true })).toBeVisible();
    await expect(page.getByLabel("Sammenlign med")).toHaveValue("year");
    await expect(page.getByRole("link", { name: "Last ned sammenligningen (CSV)" })).toBeVisible();
  }
  const csv = (
    await (await request.get(`${API_OSLO}/export/comparison?range=lastYear&compare=previous`)).body()
  ).toString("utf8");
  const [header, ...rows] = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .map((l) => l.split(";"));
  expect(header).toEqual([
    "gruppe",
    "maal",
    "periode_fra",
    "periode_til",
    "sammenlignet_med",
    "sammenlignet_fra",
    "sammenlignet_til",
    "del_av_periode",
    "verdi",
    "verdi_sammenlignet",
    "endring",
    "endring_prosent",
  ]);
  const total = rows.find((r) => r[0] === "alle" && r[1] === "impressions")!;
  const year = Number(total[2]!.slice(0, 4));
  expect(total.slice(2, 8)).toEqual([
    `${year}-01-01`,
    `${year}-12-31`,
    "previous",
    `${year - 1}-01-01`,
    `${year - 1}-12-31`,
    "nei",
  ]);
  expect(Number(total[8])).toBe(await impressionsFromEngine(request, `${year}-01-01`, `${year}-12-31`));
});

test("the comparison pages have no WCAG 2.1 AA violations", async ({ page }) => {
  for (const path of ["", "/growth?axis=zoom", "/reach", "/compare", "/campaigns"]) {
    await page.goto(`${OSLO}${path}${path.includes("?") ? "&" : "?"}range=quarter&compare=previous`);
    await expect(page.locator("[data-comparison]")).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

test("Facebook's retired impressions show as a break on the chart, in its table and in the CSV, never as zeros", async ({
  page,
  request,
}) => {
  await page.goto(`${HOD}/reach?from=01.10.2025&to=31.12.2025&bucket=month`);
  const figure = page.locator("figure").filter({ has: page.getByRole("heading", { name: "Visninger over tid" }) });
  const box = figure.locator(".chart-box");
  // Chart.js loads after the page: wait for the drawn chart's marker count.
  await expect(box).toHaveAttribute("data-break-markers", /^[1-9]\d*$/);
  const list = figure.locator('[data-chart-breaks="reach-impressions"]');
  await expect(list).toContainText(
    "Facebook · helseogomsorgsdepartementet: visninger er ikke oppgitt av plattformen etter 14.11.2025",
  );
  await figure.locator("summary").click();
  const novRow = figure.locator("tbody tr").filter({ has: page.locator("[data-break-row]") });
  await expect(novRow).toHaveCount(1);
  await expect(novRow).toContainText("nov");
  await expectNoAxeViolations(page);

  const csv = (
    await (await request.get(`${API_HOD}/export/reach?from=2025-10-01&to=2025-12-31&bucket=month`)).body()
  ).toString("utf8");
  const [header, ...rows] = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .map((l) => l.split(";"));
  expect(header!.slice(-2)).toEqual(["brudd", "brudd_merknad"]);
  const fb = rows.filter((r) => r[2] === "helseogomsorgsdepartementet");
  expect(fb.map((r) => [r[0], r[7]])).toEqual([
    ["2025-10-01", ""],
    ["2025-11-01", "series_break"],
    ["2025-12-01", "series_break"],
  ]);
  expect(fb[2]![3]).toBe("");
});

test("the retired metric is still marked when it stopped before the chosen period", async ({ page }) => {
  await page.goto(`${HOD}/reach?range=90d`);
  await expect(page.locator('[data-chart-breaks="reach-impressions"]')).toContainText(
    "siden 14.11.2025 (før perioden)",
  );
});

test("growth charts offer a zoomed y-axis, and the caption says which one is shown", async ({ page }) => {
  await page.goto(`${OSLO}/growth`);
  await expect(page.locator('[data-axis-note="zero"]').first()).toHaveText("Y-aksen starter på 0.");
  await page.getByLabel("Zoomet akse").selectOption("zoom");
  await page.getByRole("button", { name: "Oppdater" }).click();
  await expect(page).toHaveURL(/axis=zoom/);
  await expect(page.locator('[data-axis-note="zoom"]').first()).toContainText("starter ikke på 0");
  await expect(page.locator('.chart-box[data-axis="zoom"]').first()).toBeVisible();
});

test("date fields show the agency's format and say clearly when a typed date does not exist", async ({ page }) => {
  await page.goto(`${OSLO}/growth?from=2026-07-01&to=2026-09-30`);
  await expect(page.getByLabel("Fra (egendefinert)")).toHaveValue("01.07.2026");
  await expect(page.getByLabel("Fra (egendefinert)")).toHaveAttribute("placeholder", "dd.mm.åååå");
  await page.getByLabel("Fra (egendefinert)").fill("31.02.2026");
  await page.getByRole("button", { name: "Oppdater" }).click();
  await expect(page.locator("[data-filter-errors]")).toContainText("må være en dato skrevet DD.MM.ÅÅÅÅ");
  await page.goto(`${OSLO}/growth?from=2026-07-01&to=2026-09-30&lang=en`);
  await expect(page.getByLabel("From")).toHaveValue("01/07/2026");
  await page.getByLabel("From").fill("15/08/2026");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.locator("[data-range]")).toHaveAttribute("data-range", "2026-08-15/2026-09-30");
});

test("the most read demo posts can be ranked: their impression counts differ, and their links say they are examples", async ({
  request,
}) => {
  const body = await (await request.get(`${API_OSLO}/posts?range=30d&sort=impressions`)).json();
  const posts = (body.data.posts ?? body.data) as { impressions: number | null; permalink: string | null }[];
  const top = posts.slice(0, 5);
  expect(new Set(top.map((p) => p.impressions)).size).toBe(5);
  for (const p of top) expect(p.permalink).toMatch(/^https:\/\/example\.com\/kanalmaaling-demo\//);
});

test.describe("a viewer of Oslo politidistrikt only", () => {
  test.use({ storageState: STATE.osloViewer });
  test("gets the comparison of their own agency and 'not found' for anyone else's, as JSON and CSV", async ({
    request,
  }) => {
    expect((await request.get(`${API_OSLO}/comparison?range=lastQuarter&compare=year`)).status()).toBe(200);
    expect((await request.get(`${API_HOD}/comparison?range=lastQuarter&compare=year`)).status()).toBe(404);
    expect((await request.get(`${API_HOD}/export/comparison?range=lastQuarter&compare=year`)).status()).toBe(404);
    expect((await request.get(`/api/agencies/finnes-ikke/comparison?compare=previous`)).status()).toBe(404);
  });
});
