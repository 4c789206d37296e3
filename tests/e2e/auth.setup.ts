import { expect, test as setup } from "@playwright/test";
import { ADMIN, OSLO_VIEWER, STATE } from "./fixtures";

setup("sign in as the demo admin, and create a viewer of Oslo politidistrikt through the members page", async ({ page, browser }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("E-postadresse").fill(ADMIN.email);
  await page.getByLabel("Passord").fill(ADMIN.password);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Virksomheter" })).toBeVisible();
  await page.context().storageState({ path: STATE.admin });

  await page.goto("/agencies/oslo-politidistrikt/members");
  await page.getByLabel("E-postadresse").fill(OSLO_VIEWER.email);
  await page.getByLabel("Navn (for ny lokal konto)").fill(OSLO_VIEWER.name);
  await page.getByLabel("Rolle", { exact: true }).selectOption("viewer");
  await page.getByLabel(/Passord for ny lokal konto/).fill(OSLO_VIEWER.password);
  await page.getByRole("button", { name: "Legg til" }).click();
  await expect(page.getByRole("status")).toHaveText("Medlemmet er lagt til.");
  await expect(page.getByRole("cell", { name: `${OSLO_VIEWER.name} (${OSLO_VIEWER.email})` })).toBeVisible();

  const viewer = await browser.newContext();
  const viewerPage = await viewer.newPage();
  await viewerPage.goto("/login");
  await viewerPage.getByLabel("E-postadresse").fill(OSLO_VIEWER.email);
  await viewerPage.getByLabel("Passord").fill(OSLO_VIEWER.password);
  await viewerPage.getByRole("button", { name: "Logg inn" }).click();
  await expect(viewerPage.getByRole("heading", { level: 2, name: "Oslo politidistrikt" })).toBeVisible();
  await viewer.storageState({ path: STATE.osloViewer });
  await viewer.close();
});
