import { expect, test as setup } from "@playwright/test";
import { ADMIN, inviteLinkFromMail, OSLO_VIEWER, STATE } from "./fixtures";

setup("sign in as the demo admin, and invite a viewer of Oslo politidistrikt who sets their own password", async ({ page, browser }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("E-postadresse").fill(ADMIN.email);
  await page.getByLabel("Passord").fill(ADMIN.password);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Virksomheter" })).toBeVisible();
  await page.context().storageState({ path: STATE.admin });

  await page.goto("/agencies/oslo-politidistrikt/members");
  // Nobody can set a password for someone else: the members page asks only for an e-mail and a role.
  await expect(page.getByLabel(/Passord/)).toHaveCount(0);
  const invite = page.getByRole("form", { name: "Inviter en person" });
  await invite.getByLabel("E-postadresse").fill(OSLO_VIEWER.email);
  await invite.getByLabel("Rolle").selectOption("viewer");
  await invite.getByRole("button", { name: "Send invitasjon" }).click();
  await expect(invite.getByRole("status")).toHaveText(`Invitasjonen er sendt til ${OSLO_VIEWER.email}.`);
  await page.reload();
  await expect(page.getByTestId("pending-invitations").getByRole("cell", { name: OSLO_VIEWER.email, exact: true })).toBeVisible();
  const link = await inviteLinkFromMail(OSLO_VIEWER.email);

  const viewer = await browser.newContext();
  const viewerPage = await viewer.newPage();
  await viewerPage.goto(link);
  await expect(viewerPage.getByText("Du er invitert til Oslo politidistrikt som leser.")).toBeVisible();
  await viewerPage.getByLabel("Navn").fill(OSLO_VIEWER.name);
  await viewerPage.getByLabel("Nytt passord").fill(OSLO_VIEWER.password);
  await viewerPage.getByLabel("Gjenta passordet").fill(OSLO_VIEWER.password);
  await viewerPage.getByRole("button", { name: "Lag konto og logg inn" }).click();
  await expect(viewerPage).toHaveURL(/\/agencies\/oslo-politidistrikt$/);
  await viewerPage.goto("/");
  await expect(viewerPage.getByRole("heading", { level: 2, name: "Oslo politidistrikt" })).toBeVisible();
  await viewer.storageState({ path: STATE.osloViewer });
  await viewer.close();

  await page.goto("/agencies/oslo-politidistrikt/members");
  await expect(page.getByRole("cell", { name: `${OSLO_VIEWER.name} (${OSLO_VIEWER.email})` })).toBeVisible();
});
