import { expect, test } from "@playwright/test";

const OSLO = "oslo-politidistrikt";

test("the connections tables show every row on the page, each table a named region a keyboard user can reach", async ({
  page,
}) => {
  await page.goto(`/agencies/${OSLO}/connections`);
  const regions = page.locator("[data-page=connections] .table-scroll");
  expect(await regions.count()).toBeGreaterThan(0);
  for (const region of await regions.all()) {
    await expect(region).toHaveAttribute("tabindex", "0");
    await expect(region).toHaveAttribute("role", "region");
    await expect(region).toHaveAttribute("aria-label", /.+/);
    // No inner vertical scroll box: the whole table is on the page.
    expect(await region.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
  }
});

test("the posts page ends where its table ends", async ({ page }) => {
  await page.goto(`/agencies/${OSLO}/posts?range=30d`);
  await expect(page.locator('table[data-table="posts"] tbody tr').first()).toBeVisible();
  const blank = await page.evaluate(
    () =>
      document.documentElement.scrollHeight -
      (document.querySelector("main")!.getBoundingClientRect().bottom + window.scrollY),
  );
  expect(blank).toBeLessThan(100);
});

test("a campaign that reached more than it sent is refused in Norwegian, naming the field", async ({ page }) => {
  await page.goto(`/agencies/${OSLO}/campaigns`);
  await page.getByLabel("Navn").fill("Feil i tallene");
  await page.getByLabel("Sendt (dato og tid)").fill("2026-11-20T09:30");
  await page.getByLabel("Sendt til", { exact: true }).fill("100");
  await page.getByLabel("Nådd", { exact: true }).fill("200");
  await page.getByRole("button", { name: "Lagre kampanjen" }).click();
  await expect(page.locator("main p[role=alert]")).toHaveText("Nådd: kan ikke være flere enn sendt");
});

test("a malformed filter or sort order is explained in Norwegian, not in zod's English", async ({ page }) => {
  await page.goto(`/agencies/${OSLO}/posts?range=forrige-tiar&sort=tilfeldig`);
  const errors = page.locator("[data-filter-errors]");
  await expect(errors).toBeVisible();
  await expect(errors).not.toContainText(/Invalid|expected|option/i);
  await expect(errors).toContainText("Sortering:");
});

test("chart summaries never say there is no data beside a table that has figures", async ({ page }) => {
  for (const path of ["growth", "reach", "replies"]) {
    await page.goto(`/agencies/${OSLO}/${path}?range=7d`);
    const figures = page.locator("figure.panel");
    for (const figure of await figures.all()) {
      if ((await figure.locator("tbody tr").count()) > 0)
        await expect(figure.locator(".summary")).not.toContainText("Ingen data");
    }
  }
});
