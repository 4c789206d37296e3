import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("the connections page shows the sandbox channels being collected, with backfill progress", async ({ page }) => {
  // `npm start` collects every demo channel from the sandbox right away; wait for the first run.
  await expect(async () => {
    await page.goto("/agencies/oslo-politidistrikt/connections");
    await expect(page.locator('[data-connection="oslopolitiops"] [data-last-success]')).not.toHaveText("aldri", {
      timeout: 1_000,
    });
  }).toPass({ timeout: 45_000 });
  const row = page.locator('[data-connection="oslopolitiops"]');
  await expect(row).toContainText("sandkasse");
  await expect(row.locator("[data-status]")).toHaveText("aktiv");
  await expect(row.locator("[data-backfill]")).toContainText(/\d+ av \d+ dager/);
  await expect(page.locator("table[data-runs] tbody tr").first()).toContainText("vellykket");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test("another agency's or an unknown agency's connections page is not found", async ({ page }) => {
  const res = await page.goto("/agencies/finnes-ikke/connections");
  expect(res?.status()).toBe(404);
});
