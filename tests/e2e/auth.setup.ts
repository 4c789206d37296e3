import { expect, test as setup, type Browser, type Page } from "@playwright/test";
import { ADMIN, inviteLinkFromMail, OSLO_EDITOR, OSLO_VIEWER, STATE } from "./fixtures";

setup(
  "sign in as the demo admin, and invite a viewer and an editor of Oslo politidistrikt who set their own passwords",
  async ({ page, browser }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel("E-postadresse").fill(ADMIN.email);
    await page.getByLabel("Passord").fill(ADMIN.password);
    await page.getByRole("button", { name: "Logg inn" }).click();
    // The home page draws a year of charts for six agencies: slow on a busy machine.
    await expect(page.getByRole("heading", { level: 1, name: "Virksomheter" })).toBeVisible({ timeout: 30_000 });
    await page.context().storageState({ path: STATE.admin });

    await page.goto("/agencies/oslo-politidistrikt/members");
    // Nobody can set a password for someone else: the members page asks only for an e-mail and a role.
    await expect(page.getByLabel(/Passord/)).toHaveCount(0);
    await invite(page, browser, OSLO_VIEWER, "viewer", "leser", STATE.osloViewer);
    await invite(page, browser, OSLO_EDITOR, "editor", "redaktør", STATE.osloEditor);

    await page.goto("/agencies/oslo-politidistrikt/members");
    await expect(page.getByRole("cell", { name: `${OSLO_VIEWER.name} (${OSLO_VIEWER.email})` })).toBeVisible();
    await expect(page.getByRole("cell", { name: `${OSLO_EDITOR.name} (${OSLO_EDITOR.email})` })).toBeVisible();
  },
);

/** Invites a person to Oslo politidistrikt with a role; they set their own password and their session is saved. */
async function invite(
  page: Page,
  browser: Browser,
  person: typeof OSLO_VIEWER,
  role: "viewer" | "editor",
  roleName: string,
  statePath: string,
) {
  await page.goto("/agencies/oslo-politidistrikt/members");
  const form = page.getByRole("form", { name: "Inviter en person" });
  await form.getByLabel("E-postadresse").fill(person.email);
  await form.getByLabel("Rolle").selectOption(role);
  await form.getByRole("button", { name: "Send invitasjon" }).click();
  await expect(form.getByRole("status")).toHaveText(`Invitasjonen er sendt til ${person.email}.`);
  await page.reload();
  await expect(
    page.getByTestId("pending-invitations").getByRole("cell", { name: person.email, exact: true }),
  ).toBeVisible();
  const link = await inviteLinkFromMail(person.email);

  const context = await browser.newContext();
  const newPage = await context.newPage();
  await newPage.goto(link);
  await expect(newPage.getByText(`Du er invitert til Oslo politidistrikt som ${roleName}.`)).toBeVisible();
  await newPage.getByLabel("Navn").fill(person.name);
  await newPage.getByLabel("Nytt passord").fill(person.password);
  await newPage.getByLabel("Gjenta passordet").fill(person.password);
  await newPage.getByRole("button", { name: "Lag konto og logg inn" }).click();
  await expect(newPage).toHaveURL(/\/agencies\/oslo-politidistrikt$/);
  await newPage.goto("/");
  await expect(newPage.getByRole("heading", { level: 2, name: "Oslo politidistrikt" })).toBeVisible();
  await context.storageState({ path: statePath });
  await context.close();
}
