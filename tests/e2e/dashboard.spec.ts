import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { z } from "zod";
import { DEMO_AGENCIES } from "@/lib/demo/catalog";
import { audienceCurve } from "@/lib/demo/history";
import { formatDay, formatNumber } from "@/lib/format";
import { addDays, type Day } from "@/lib/time";
import { demoLastDay } from "./fixtures";

const OSLO = "/agencies/oslo-politidistrikt";
const PAGES = [
  { path: "", heading: "Oversikt" },
  { path: "/growth", heading: "Vekst" },
  { path: "/reach", heading: "Rekkevidde" },
  { path: "/posts", heading: "Innlegg" },
  { path: "/replies", heading: "Svar" },
  { path: "/compare", heading: "Sammenlign" },
];
const ops = DEMO_AGENCIES.find((a) => a.slug === "oslo-politidistrikt")!.accounts.find(
  (a) => a.handle === "oslopolitiops",
)!;
// The demo history's last day, from the server's start (see fixtures.ts demoLastDay).
let yesterday: Day;
test.beforeAll(() => {
  yesterday = demoLastDay();
});

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

for (const p of PAGES) {
  test(`the ${p.heading} page renders with its navigation and has no WCAG 2.1 AA violations`, async ({ page }) => {
    await page.goto(`${OSLO}${p.path}`);
    await expect(page.getByRole("heading", { level: 1, name: `Oslo politidistrikt – ${p.heading}` })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Dashbord" });
    for (const label of [
      "Oversikt",
      "Vekst",
      "Rekkevidde",
      "Innlegg",
      "Svar",
      "Sammenlign",
      "Tilkoblinger",
      "Innspill",
      "Utfall",
    ]) {
      await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    }
    await expect(nav.getByRole("link", { name: p.heading, exact: true })).toHaveAttribute("aria-current", "page");
    await expectNoAxeViolations(page);
  });
}

test("changing the range and bucket puts them in the URL and the growth table matches the demo data", async ({
  page,
}) => {
  await page.goto(`${OSLO}/growth`);
  await page.getByLabel("Periode", { exact: true }).selectOption("30d");
  await page.getByLabel("Inndeling").selectOption("day");
  await page.getByRole("button", { name: "Oppdater" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page).toHaveURL(/bucket=day/);
  const figure = page.locator("figure").filter({ has: page.getByRole("heading", { name: "Publikum per kanal" }) });
  await figure.getByText("Vis tallene som tabell").click();
  const table = figure.locator('table[data-table="growth-accounts"]');
  await expect(table).toBeVisible();
  const headers = await table.locator("thead th").allTextContents();
  const column = headers.findIndex((h) => h.includes("oslopolitiops"));
  expect(column).toBeGreaterThan(0);
  const curve = audienceCurve(ops, yesterday);
  for (const day of [yesterday, addDays(yesterday, -10)]) {
    const row = table
      .locator("tbody tr")
      .filter({ has: page.getByRole("rowheader", { name: formatDay(day, "nb"), exact: true }) });
    await expect(row.locator("th, td").nth(column)).toHaveText(formatNumber(curve.get(day)!, "nb"));
  }
  // The link reproduces the view, and the language switch keeps it.
  await page.getByRole("navigation", { name: "Språk" }).getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/lang=en/);
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByRole("heading", { level: 1, name: "Oslo politidistrikt – Growth" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("invalid filters show a clear message instead of failing", async ({ page }) => {
  await page.goto(`${OSLO}/growth?range=5y&bucket=hour`);
  await expect(page.locator("[data-filter-errors]")).toContainText("Noen filtre var ugyldige");
  await expect(page.locator("[data-filter-errors]")).toContainText("bucket");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a range before any collection says so on growth, reach and replies, with the filters still there", async ({
  page,
}) => {
  for (const p of ["growth", "reach", "replies"]) {
    await page.goto(`${OSLO}/${p}?from=2001-01-01&to=2001-01-31&bucket=week`);
    await expect(page.getByText("Ingen data i valgt periode", { exact: false })).toBeVisible();
    await expect(page.getByRole("button", { name: "Oppdater" })).toBeVisible();
  }
});

test("the e-mail campaign shows as reached versus target population (10 000 of 50 000 = 20 %)", async ({ page }) => {
  await page.goto(`${OSLO}/reach?from=2017-10-01&to=2017-10-31&bucket=week`);
  const table = page.locator('table[data-table="campaigns"]');
  const row = table.locator("tbody tr").filter({ hasText: "Forebyggende sikkerhetsinformasjon" });
  await expect(row).toContainText("10 000");
  await expect(row).toContainText("50 000");
  await expect(row).toContainText("20 %");
});

test("a ministry's fastest-growing channel last quarter is named on the growth page", async ({ page }) => {
  await page.goto("/agencies/helse-og-omsorgsdepartementet/growth?from=2026-07-01&to=2026-09-30&bucket=month");
  await expect(page.locator('[data-summary="growth"]')).toContainText("Raskest vekst i perioden:");
  await expect(page.locator('table[data-table="growth-summary"] tbody tr')).toHaveCount(3);
});

test("dates typed in while Periode stays at a preset are used, and the page says so", async ({ page }) => {
  await page.goto("/agencies/helse-og-omsorgsdepartementet/growth");
  await expect(page.getByLabel("Periode", { exact: true })).toHaveValue("90d");
  await page.getByLabel("Fra (egendefinert)").fill("2026-07-01");
  await page.getByLabel("Til (egendefinert)").fill("2026-09-30");
  await page.getByRole("button", { name: "Oppdater" }).click();
  await expect(page.locator("[data-range]")).toHaveAttribute("data-range", "2026-07-01/2026-09-30");
  await expect(page.locator("[data-period-notice]").first()).toContainText("egendefinerte perioden");
  await expect(page.getByLabel("Periode", { exact: true })).toHaveValue("custom");
  // Going back to a preset with the displayed dates left in the fields takes the preset.
  await page.getByLabel("Periode", { exact: true }).selectOption("30d");
  await page.getByRole("button", { name: "Oppdater" }).click();
  await expect(page.locator("[data-range]")).not.toHaveAttribute("data-range", "2026-07-01/2026-09-30");
});

test("the growth table and the per-platform sentence agree when a platform has one channel", async ({ request }) => {
  const body = await (
    await request.get("/api/agencies/helse-og-omsorgsdepartementet/growth?from=2026-07-01&to=2026-09-30&bucket=month")
  ).json();
  const facebook = body.data.summary.filter((s: { platform: string }) => s.platform === "facebook");
  expect(facebook).toHaveLength(1);
  const platform = body.data.platformSummary.find((p: { platform: string }) => p.platform === "facebook");
  expect([platform.start, platform.end, platform.change]).toEqual([
    facebook[0].start,
    facebook[0].end,
    facebook[0].change,
  ]);
});

test("the overview compares this week so far with the same days of last week, and shows impressions, never reach in their place", async ({
  page,
}) => {
  await page.goto(OSLO);
  await expect(page.locator('[data-stat="impressions-this-week"]')).toBeVisible();
  await expect(page.getByText(/samme dager i uke \d+/).first()).toBeVisible();
  await expect(page.getByText(/så langt/).first()).toBeVisible();
  await expect(page.locator('[data-summary="overview"]')).toContainText("Følgere i");
  await expect(page.locator('[data-summary="overview"]')).not.toContainText("personer");
});

test("the posts table sorts by replies and links to each post", async ({ page }) => {
  await page.goto(`${OSLO}/posts?range=30d`);
  await page.getByRole("columnheader", { name: "Svar" }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=replies/);
  await expect(page.getByRole("columnheader", { name: "Svar" })).toHaveAttribute("aria-sort", "descending");
  await expect(page.locator('table[data-table="posts"] tbody tr').nth(5)).toBeVisible();
  const replies = await page.locator('table[data-table="posts"] tbody tr td:nth-child(5)').allTextContents();
  const numbers = replies.map((r) => Number(r.replace(/\s/g, "")));
  expect(numbers.length).toBeGreaterThan(5);
  expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);
  await expect(page.locator('table[data-table="posts"] tbody tr').first().getByRole("link")).toHaveAttribute(
    "href",
    /^https:\/\/example\.com\/kanalmaaling-demo\/twitter\//,
  );
});

test("the compare page puts the police districts side by side", async ({ page }) => {
  await page.goto(`${OSLO}/compare`);
  const rows = page.locator('table[data-table="compare"] tbody tr th');
  await expect(rows).toHaveText(["Oslo politidistrikt", "Politiet (Politidirektoratet)", "Vest politidistrikt"]);
});

test("the dashboard renders at phone width without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const p of ["", "/growth", "/reach"]) {
    await page.goto(`${OSLO}${p}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
  }
});

test("an unknown agency is not found", async ({ page }) => {
  const res = await page.goto("/agencies/finnes-ikke");
  expect(res?.status()).toBe(404);
});

const Num = z.number().nullable();
const GrowthSeries = z.strictObject({
  key: z.string(),
  label: z.string(),
  platform: z.string(),
  absolute: z.array(Num),
  net: z.array(Num),
});
const GrowthResponse = z.strictObject({
  agency: z.strictObject({ slug: z.literal("oslo-politidistrikt"), name: z.string(), timeZone: z.string() }),
  range: z.strictObject({ from: z.iso.date(), to: z.iso.date(), bucket: z.enum(["day", "week", "month"]) }),
  data: z.strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    bucket: z.enum(["day", "week", "month"]),
    buckets: z.array(z.iso.date()),
    accounts: z.array(GrowthSeries),
    platforms: z.array(GrowthSeries),
    summary: z.array(
      z.strictObject({
        accountId: z.uuid(),
        platform: z.string(),
        handle: z.string(),
        displayName: z.string(),
        start: Num,
        startDay: z.iso.date().nullable(),
        end: Num,
        endDay: z.iso.date().nullable(),
        change: Num,
        changeShare: Num,
      }),
    ),
    platformSummary: z.array(
      z.strictObject({
        platform: z.string(),
        start: Num,
        startDay: z.iso.date().nullable(),
        end: Num,
        endDay: z.iso.date().nullable(),
        change: Num,
        changeShare: Num,
      }),
    ),
  }),
});
const ErrorResponse = z.strictObject({
  error: z.literal("invalid_parameters"),
  message: z.string(),
  issues: z.array(z.strictObject({ parameter: z.string().nullable(), message: z.string() })).min(1),
});

test("the growth API answers the same figures as the demo data, in a strict shape", async ({ request }) => {
  const res = await request.get(`/api${OSLO}/growth?range=7d&bucket=day`);
  expect(res.status()).toBe(200);
  const body = GrowthResponse.parse(await res.json());
  const series = body.data.accounts.find((a) => a.label === "oslopolitiops")!;
  const i = body.data.buckets.indexOf(yesterday);
  expect(series.absolute[i]).toBe(audienceCurve(ops, yesterday).get(yesterday));
});

test("the API answers 400 with reasons for invalid parameters and 404 for unknown agencies", async ({ request }) => {
  for (const path of [
    "growth?bucket=hour",
    "reach?range=custom&from=2026-02-30",
    "posts?sort=loudest",
    "posts?limit=0",
    "replies?channel=not-a-uuid",
    "overview?range=forever",
  ]) {
    const res = await request.get(`/api${OSLO}/${path}`);
    expect(res.status(), path).toBe(400);
    ErrorResponse.parse(await res.json());
  }
  expect((await request.get("/api/agencies/finnes-ikke/growth")).status()).toBe(404);
  for (const path of ["overview", "reach", "posts", "replies", "compare"]) {
    expect((await request.get(`/api${OSLO}/${path}`)).status(), path).toBe(200);
  }
});

const Envelope = <T extends z.ZodType>(data: T) =>
  z.strictObject({
    agency: z.strictObject({ slug: z.string(), name: z.string(), timeZone: z.string() }),
    range: z.strictObject({ from: z.iso.date(), to: z.iso.date(), bucket: z.enum(["day", "week", "month"]) }),
    data,
  });
const Channel = { accountId: z.uuid(), platform: z.string(), handle: z.string(), displayName: z.string() };
const ReachPoint = { impressions: Num, reach: Num, engagements: Num, engagementRate: Num };
const RESPONSES = {
  overview: Envelope(
    z.strictObject({
      today: z.iso.date(),
      thisWeek: z.iso.date(),
      lastWeek: z.iso.date(),
      daysSoFar: z.number().int().min(1).max(7),
      sparklineWeeks: z.array(z.iso.date()).length(12),
      totalAudience: Num,
      channelsCounted: z.number().int(),
      totalChangeThisWeek: Num,
      totalChangeSameDaysLastWeek: Num,
      totalChangeLastWeek: Num,
      impressionsThisWeek: Num,
      impressionsSameDaysLastWeek: Num,
      impressionsLastWeek: Num,
      repliesThisWeek: Num,
      repliesSameDaysLastWeek: Num,
      repliesLastWeek: Num,
      channels: z
        .array(
          z.strictObject({
            ...Channel,
            status: z.enum(["active", "needs_reconnect", "paused"]),
            audience: Num,
            audienceDay: z.iso.date().nullable(),
            changeThisWeek: Num,
            changeSameDaysLastWeek: Num,
            changeLastWeek: Num,
            sparkline: z.array(Num).length(12),
            impressionsThisWeek: Num,
            reachThisWeek: Num,
            repliesThisWeek: Num,
            missingDays: z.number().int(),
          }),
        )
        .min(1),
      attention: z.array(
        z.strictObject({
          accountId: z.uuid(),
          handle: z.string(),
          platform: z.string(),
          reason: z.enum(["needs_reconnect", "paused", "collection_gap", "series_break"]),
          missingDays: z.number().int(),
          metric: z.string().optional(),
          lastKnown: z.iso.date().optional(),
        }),
      ),
    }),
  ),
  reach: Envelope(
    z.strictObject({
      buckets: z.array(z.iso.date()),
      channels: z
        .array(
          z.strictObject({
            ...Channel,
            values: z.array(z.strictObject(ReachPoint)),
            total: z.strictObject({ ...ReachPoint, posts: Num, impressionsPerPost: Num }),
          }),
        )
        .min(1),
      campaigns: z.array(
        z.strictObject({
          id: z.uuid(),
          name: z.string(),
          platform: z.string(),
          handle: z.string(),
          sentDay: z.iso.date(),
          sent: Num,
          reached: Num,
          targetPopulation: Num,
          coverage: Num,
          opens: Num,
          clicks: Num,
        }),
      ),
    }),
  ),
  posts: Envelope(
    z
      .array(
        z.strictObject({
          id: z.uuid(),
          platform: z.string(),
          handle: z.string(),
          publishedAt: z.iso.datetime(),
          text: z.string(),
          permalink: z.string().nullable(),
          impressions: Num,
          likes: Num,
          reposts: Num,
          replies: Num,
        }),
      )
      .min(1),
  ),
  replies: Envelope(
    z.strictObject({
      buckets: z.array(z.iso.date()),
      channels: z
        .array(
          z.strictObject({
            ...Channel,
            values: z.array(Num),
            total: Num,
            posts: Num,
            repliesPerPost: Num,
            busiest: z.strictObject({ bucket: z.iso.date(), replies: z.number() }).nullable(),
          }),
        )
        .min(1),
    }),
  ),
  compare: Envelope(
    z
      .array(
        z.strictObject({
          agencyId: z.uuid(),
          slug: z.string(),
          name: z.string(),
          parentId: z.uuid().nullable(),
          channels: z.number().int(),
          audience: Num,
          audienceAtStart: Num,
          growthShare: Num,
          impressions: Num,
          posts: Num,
          impressionsPerPost: Num,
          replies: Num,
        }),
      )
      .min(2),
  ),
};

test("every dashboard API answers in a strict shape", async ({ request }) => {
  for (const [name, schema] of Object.entries(RESPONSES)) {
    const res = await request.get(`/api${OSLO}/${name}?range=12m`);
    expect(res.status(), name).toBe(200);
    const parsed = schema.safeParse(await res.json());
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 3), name).toEqual([]);
  }
  const campaigns = RESPONSES.reach.parse(
    await (await request.get(`/api${OSLO}/reach?from=2017-10-01&to=2017-10-31`)).json(),
  ).data.campaigns;
  expect(campaigns).toMatchObject([{ reached: 10_000, targetPopulation: 50_000, coverage: 0.2 }]);
  const compare = RESPONSES.compare.parse(
    await (await request.get(`/api${OSLO}/compare?agency=vest-politidistrikt&agency=oslo-politidistrikt`)).json(),
  ).data;
  expect(compare.map((r) => r.slug)).toEqual(["oslo-politidistrikt", "vest-politidistrikt"]);
});

test("the dashboard speaks Swedish when asked, with its filters kept", async ({ page }) => {
  await page.goto("/agencies/polismyndigheten/reach?lang=sv&range=12m");
  await expect(page.getByRole("heading", { level: 1, name: "Polismyndigheten – Räckvidd" })).toBeVisible();
  await expect(page.locator('table[data-table="campaigns"]')).toContainText("Explosion");
  await expect(
    page.getByRole("navigation", { name: "Instrumentpanel" }).getByRole("link", { name: "Tillväxt" }),
  ).toHaveAttribute("href", /lang=sv.*range=12m|range=12m.*lang=sv/);
  await expectNoAxeViolations(page);
});

test("a Swedish agency opens in Swedish, and in the language the user chose when they chose one", async ({ page }) => {
  await page.goto("/agencies/polismyndigheten");
  await expect(page.getByRole("heading", { level: 1, name: "Polismyndigheten – Översikt" })).toBeVisible();
  await expect(page.locator("[data-summary=overview]")).toContainText("Följare i");
  // Days are written the Swedish way on every page of a Swedish agency.
  await expect(page.getByLabel("Från (anpassad)")).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  const nav = page.getByRole("navigation", { name: "Instrumentpanel" });
  await expect(nav.getByRole("link", { name: "Tillväxt" })).not.toHaveAttribute("href", /lang=/);
  await nav.getByRole("link", { name: "Tillväxt" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Polismyndigheten – Tillväxt" })).toBeVisible();
  // Choosing bokmål sticks across the dashboard's links.
  await page.getByRole("navigation", { name: "Språk" }).getByRole("link", { name: "Norsk bokmål" }).click();
  await expect(page).toHaveURL(/lang=nb/);
  await expect(page.getByRole("heading", { level: 1, name: "Polismyndigheten – Vekst" })).toBeVisible();
  await page.getByRole("navigation", { name: "Dashbord" }).getByRole("link", { name: "Oversikt" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Polismyndigheten – Oversikt" })).toBeVisible();
  await expect(page.getByLabel("Fra (egendefinert)")).toHaveValue(/^\d{2}\.\d{2}\.\d{4}$/);
});

test("a channel without posts shows a designed empty state", async ({ page }) => {
  await page.goto("/agencies/polismyndigheten/posts");
  await expect(page.getByText("Inga inlägg i perioden.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a five-year growth table comes on demand, a year of weeks at a time, latest first", async ({ page }) => {
  const to = demoLastDay();
  await page.goto(`${OSLO}/growth?range=custom&from=${addDays(to, -1825)}&to=${to}&bucket=week`);
  const figure = page.locator("figure").filter({ has: page.getByRole("heading", { name: "Publikum per kanal" }) });
  await expect(figure.locator('table[data-table="growth-accounts"]')).toHaveCount(0);
  await figure.getByText("Vis tallene som tabell").click();
  await figure.getByRole("link", { name: /^Vis rad \d+–\d+ av \d+ som tabell$/ }).click();
  const table = figure.locator('table[data-table="growth-accounts"]');
  await expect(table.locator("tbody tr")).toHaveCount(53);
  await expect(figure.getByText(/^Rad \d+–(\d+) av \1$/)).toBeVisible();
  const latest = await table.locator("tbody th").last().textContent();
  await figure.getByRole("link", { name: "Tidligere perioder" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(53);
  expect(await table.locator("tbody th").last().textContent()).not.toBe(latest);
  await expect(figure.getByRole("link", { name: "Senere perioder" })).toBeVisible();
  await expectNoAxeViolations(page);
});
