import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("an admin records an e-mail campaign by hand and it sits beside the earlier ones", async ({ page }) => {
  await page.goto("/agencies/oslo-politidistrikt/campaigns");
  const table = page.locator("table[data-campaigns]");
  // The origin document's campaign: 10 000 of 50 000 businesses reached.
  const first = table.locator("tr", { hasText: "Forebyggende sikkerhetsinformasjon til næringslivet" });
  await expect(first).toContainText("20 %");

  await page.getByLabel("Navn").fill("Varsel om ID-tyveri");
  await page.getByLabel("Sendt (dato og tid)").fill("2026-11-20T09:30");
  await page.getByLabel("Sendt til", { exact: true }).fill("12600");
  await page.getByLabel("Nådd", { exact: true }).fill("12000");
  await page.getByLabel("Målgruppe").fill("48000");
  await page.getByRole("button", { name: "Lagre kampanjen" }).click();
  await expect(page.getByRole("status")).toContainText("Lagret 1 kampanje");
  await expect(table.locator("tr", { hasText: "Varsel om ID-tyveri" })).toContainText("25 %");

  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});
