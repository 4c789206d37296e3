import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_AGENCIES } from "@/lib/demo/catalog";
import { audienceCurve } from "@/lib/demo/history";
import { formatWeek } from "@/lib/format";
import { addDays, type Day } from "@/lib/time";
import { demoLastDay } from "./fixtures";

const ops = DEMO_AGENCIES.find((a) => a.slug === "oslo-politidistrikt")!.accounts.find(
  (a) => a.handle === "oslopolitiops",
)!;
let yesterday: Day;
let expectOnCurve: (text: string) => void;
test.beforeAll(() => {
  // The demo history ends the day before the server started; the sandbox's live collection continues
  // the same curve from then on (a day more, in case the run crosses midnight).
  yesterday = demoLastDay();
  const later = addDays(yesterday, 2);
  const [lowest, highest] = [audienceCurve(ops, yesterday).get(yesterday)!, audienceCurve(ops, later).get(later)!].sort(
    (a, b) => a - b,
  ) as [number, number];
  const digits = (text: string) => Number(text.split("(")[0]!.replace(/\D/g, ""));
  expectOnCurve = (text: string) => {
    expect(digits(text)).toBeGreaterThanOrEqual(lowest);
    expect(digits(text)).toBeLessThanOrEqual(highest);
  };
});

test("the home page lists the demo agencies with their audience and draws their growth charts", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 2, name: "Helse- og omsorgsdepartementet" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Oslo politidistrikt" })).toBeVisible();
  // The audience of @oslopolitiops on the demo model's curve (yesterday's figure, or today's collected one), in Norwegian format.
  const shown = (await page.locator('[data-audience="oslopolitiops"]').textContent())!;
  expectOnCurve(shown);
  expect(shown).toMatch(/^\d{1,3}(\s\d{3})+/);

  // Followers of several channels are not distinct people.
  await expect(page.locator("[data-followers-sentence]").first()).toContainText("følgere i");
  await expect(page.locator("main")).not.toContainText("personer gjennom");

  const oslo = page.locator('section[data-agency="oslo-politidistrikt"]');
  const canvas = oslo.locator("canvas");
  await expect(canvas).toBeVisible();
  const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let count = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) count++;
    return count;
  });
  expect(painted).toBeGreaterThan(1000);

  // The chart's table alternative holds the same series: the week of yesterday ends on the curve too.
  await oslo.getByText("Vis tallene som tabell").click();
  const table = oslo.locator('table[data-chart-table="oslo-politidistrikt"]');
  await expect(table).toBeVisible();
  const header = await table.locator("thead th").allTextContents();
  const column = header.findIndex((h) => h.includes("oslopolitiops"));
  expect(column).toBeGreaterThan(0);
  const row = table
    .locator("tbody tr")
    .filter({ has: page.getByRole("rowheader", { name: formatWeek(yesterday, "nb", true), exact: true }) });
  expectOnCurve((await row.locator("th, td").nth(column).textContent())!);
});

test("the home page has no WCAG 2.1 AA violations", async ({ page }) => {
  await page.goto("/");
  await page
    .locator("details")
    .first()
    .evaluate((d: HTMLDetailsElement) => (d.open = true));
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test("/api/health reports the database, the schema version and the scheduler", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok", database: { reachable: true }, scheduler: { state: "running" } });
});
