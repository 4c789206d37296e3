import { expect, test } from "@playwright/test";
import { STATE, withAppDatabase } from "./fixtures";

const SLUG = "vest-politidistrikt";
const TOKEN = "e2e-token-AAAABBBBCCCC";

test("an admin connects a channel with a token: stored encrypted, audited, never shown again", async ({ page }) => {
  await page.goto(`/agencies/${SLUG}/connections`);
  await page.getByRole("link", { name: "Koble til en kanal med tilgangstoken" }).click();
  await page.getByLabel("Kanal").selectOption({ label: "X (Twitter) · politivest" });
  await page.getByLabel("Tilgangstoken").fill(TOKEN);
  await page.getByRole("button", { name: "Lagre kryptert" }).click();
  await expect(page.getByRole("status")).toContainText("Nøkkelen er lagret kryptert.");
  const stored = await withAppDatabase(async (c) => {
    const row = await c.query<{ ciphertext: Buffer; base_url: string | null }>(
      "SELECT cr.ciphertext, a.base_url FROM account a JOIN credential cr ON cr.id = a.credential_id WHERE a.handle = 'politivest'",
    );
    // The test keeps the channel on the sandbox: this machine has no route to the real platform.
    const sandbox = await c.query<{ base_url: string }>("SELECT base_url FROM account WHERE handle = 'oslopolitiops'");
    await c.query("UPDATE account SET base_url = $1 WHERE handle = 'politivest'", [sandbox.rows[0]!.base_url]);
    const audit = await c.query(
      "SELECT 1 FROM audit_event WHERE action = 'credential_saved' AND target = 'twitter:politivest'",
    );
    return { ...row.rows[0]!, audited: audit.rowCount };
  });
  expect(stored.base_url).toBeNull();
  expect(stored.ciphertext.toString("latin1")).not.toContain(TOKEN);
  expect(stored.audited).toBe(1);
  expect(await page.content()).not.toContain(TOKEN);
});

test.describe("as a viewer", () => {
  test.use({ storageState: STATE.osloViewer });
  test("the credentials page of one's own agency is not there", async ({ page }) => {
    expect((await page.goto("/agencies/oslo-politidistrikt/connections/credentials"))!.status()).toBe(404);
  });
});
