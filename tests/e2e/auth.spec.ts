import { expect, test } from "@playwright/test";
import { ADMIN, clearSignInThrottles, STATE, withAppDatabase } from "./fixtures";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a visitor is sent to sign-in, a wrong password gets a generic message, and a right one gets in", async ({
    page,
  }) => {
    await page.goto("/agencies/oslo-politidistrikt/members");
    await expect(page).toHaveURL(/\/login\?next=%2Fagencies%2Foslo-politidistrikt%2Fmembers/);
    await page.getByLabel("E-postadresse").fill("finnes.ikke@example.test");
    await page.getByLabel("Passord").fill("feil-passord-123");
    await page.getByRole("button", { name: "Logg inn" }).click();
    await expect(page.locator("#login-error")).toHaveText("Feil e-postadresse eller passord.");
    await page.getByLabel("E-postadresse").fill(ADMIN.email);
    await page.getByLabel("Passord").fill("feil-passord-123");
    await page.getByRole("button", { name: "Logg inn" }).click();
    await expect(page.locator("#login-error")).toHaveText("Feil e-postadresse eller passord.");
    await page.getByLabel("Passord").fill(ADMIN.password);
    await page.getByRole("button", { name: "Logg inn" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Medlemmer og roller/ })).toBeVisible();

    // An expired session sends the user back to sign-in (only this test's session, the newest one).
    await withAppDatabase((c) =>
      c.query(
        `UPDATE auth_session SET expires_at = now() - interval '1 minute' WHERE id = (
           SELECT s.id FROM auth_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = $1 ORDER BY s.created_at DESC LIMIT 1)`,
        [ADMIN.email],
      ),
    );
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("the sign-in page speaks the browser's language, or the one the address asks for", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale: "sv-SE" });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logga in");
    await page.getByLabel("E-postadress").fill("finns.inte@example.test");
    await page.getByLabel("Lösenord").fill("fel-losenord-123");
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page.locator("#login-error")).toHaveText("Fel e-postadress eller lösenord.");
    await page.goto("/login?lang=en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await expect(page.getByLabel("E-mail address")).toBeVisible();
    expect((await page.goto("/public/finnes-ikke"))!.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sidan hittades inte");
    await context.close();
  });

  test("a blocked sign-in says so in the language the sign-in page was opened in, not the browser's", async ({
    browser,
  }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale: "en-GB" });
    const page = await context.newPage();
    try {
      await page.goto("/login?lang=sv");
      let status = 0;
      for (let i = 0; i < 10 && status !== 429; i++) {
        // The form empties itself after each attempt.
        await page.getByLabel("E-postadress").fill("sperret.konto@example.test");
        await page.getByLabel("Lösenord").fill("fel-losenord-123");
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.url().includes("/api/auth/sign-in/email")),
          page.getByRole("button", { name: "Logga in" }).click(),
        ]);
        status = res.status();
        await expect(page.getByRole("button", { name: "Logga in" })).toBeEnabled();
      }
      expect(status).toBe(429);
      await expect(page.locator("#login-error")).toHaveText(/^För många misslyckade inloggningar/);
    } finally {
      await context.close();
      await clearSignInThrottles();
    }
  });

  test("API routes answer 401 without a session", async ({ request }) => {
    const res = await request.get("/api/agencies/oslo-politidistrikt/overview");
    expect(res.status()).toBe(401);
  });
});

test("the local mailbox speaks the browser's language, or the one the address asks for, its header included", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: STATE.admin, locale: "sv-SE" });
  const page = await context.newPage();
  await page.goto("/mailbox");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lokal inkorg");
  await expect(page.getByRole("button", { name: "Logga ut" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await page.goto("/mailbox?lang=en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Local mailbox");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await context.close();
});

test("pages carry a CSP without unsafe-inline scripts and refuse framing", async ({ page }) => {
  const res = await page.goto("/");
  const csp = res!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res!.headers()["x-frame-options"]).toBe("DENY");
});

test("sign-ins and invitations are in the audit log", async () => {
  const rows = await withAppDatabase((c) =>
    c.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE action IN ('sign_in', 'sign_in_failed', 'invitation_created', 'invitation_accepted')",
    ),
  );
  const actions = new Set(rows.rows.map((r) => r.action));
  expect([...actions].sort()).toEqual(["invitation_accepted", "invitation_created", "sign_in", "sign_in_failed"]);
});
