import { createHash, randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, E2E_PORT, STATE, withAppDatabase } from "./fixtures";
import { IDP_ISSUER, setIdpGroups } from "./identityProvider";

/**
 * Single sign-on in Chromium against a real OpenID Connect provider (oidc-provider, started by
 * serve.ts on loopback): the login page's SSO link, the provider's own login form, the callback.
 */
test.describe.configure({ mode: "serial" });

const OSLO = "oslo-politidistrikt";
const SSO_LINK = "Logg inn med virksomhetens pålogging (SSO)";

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** A fresh browser (no session here, none at the provider) that follows the SSO link on `start` and signs in at the provider as `login`. */
async function signInWithSso(browser: Browser, login: string, start = "/login") {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale: "nb-NO" });
  const page = await context.newPage();
  const authorize = page.waitForRequest(
    (r) => r.url().startsWith(IDP_ISSUER) && new URL(r.url()).searchParams.has("redirect_uri"),
  );
  await page.goto(start);
  await page.getByRole("link", { name: SSO_LINK }).click();
  // The provider's own login form (any password).
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("hva-som-helst");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // Back at the product, past the callback.
  await page.waitForURL((url) => url.port === String(E2E_PORT) && !url.pathname.startsWith("/api/sso"));
  return { context, page, authorizeUrl: new URL((await authorize).url()) };
}

const membershipsOf = (email: string) =>
  withAppDatabase(
    async (c) =>
      (
        await c.query<{ slug: string; role: string; source: string }>(
          `SELECT a.slug, m.role::text, m.source FROM membership m JOIN agency a ON a.id = m.agency_id JOIN app_user u ON u.id = m.user_id
     WHERE u.email = $1 ORDER BY a.slug`,
          [email],
        )
      ).rows,
  );

test("an agency admin maps a group of the identity provider to a role", async ({ page }) => {
  await page.goto(`/agencies/${OSLO}/members`);
  await page.getByRole("link", { name: /Enkel pålogging \(SSO\)/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enkel pålogging (SSO) – Oslo politidistrikt");
  await page.getByLabel("Gruppeverdi").fill("oslo-kommunikasjon");
  await page.getByLabel("Rolle").selectOption("editor");
  await page.getByRole("button", { name: "Lagre kobling" }).click();
  await expect(page.getByRole("status")).toContainText("Koblingen er lagret");
  await expect(page.locator("[data-sso-mappings] tbody tr")).toHaveText([/oslo-kommunikasjon\s*Redaktør/]);
  await expectAccessible(page);
});

test("a new person whose group is mapped gets the role and sees that agency only", async ({ browser }) => {
  const { context, page, authorizeUrl } = await signInWithSso(browser, "kari-kommunikasjon");
  // The redirect URI sent is the one the README tells admins to register: PUBLIC_URL/api/sso/callback.
  expect(authorizeUrl.searchParams.get("redirect_uri")).toBe(`http://127.0.0.1:${E2E_PORT}/api/sso/callback`);
  expect(authorizeUrl.searchParams.get("code_challenge_method")).toBe("S256");
  await expect(page.getByRole("heading", { level: 1, name: "Virksomheter" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Oslo politidistrikt"]);
  expect(await membershipsOf("kari@oslo-politi.idp.test")).toEqual([
    { slug: OSLO, role: "editor", source: "sso_group" },
  ]);
  const audit = await withAppDatabase(
    async (c) =>
      (
        await c.query(
          `SELECT details FROM audit_event WHERE action = 'sign_in' AND target = 'kari@oslo-politi.idp.test'`,
        )
      ).rows,
  );
  expect(audit).toEqual([
    { details: expect.objectContaining({ method: "sso", groups: ["alle-ansatte", "oslo-kommunikasjon"] }) },
  ]);
  await context.close();
});

test("a person without any mapped group sees that they have no access yet and whom to ask; admins see them as pending", async ({
  browser,
  page,
}) => {
  const sso = await signInWithSso(browser, "per-uten-tilgang");
  await expect(sso.page).toHaveURL(/\/no-access$/);
  await expect(sso.page.getByRole("heading", { level: 1 })).toHaveText("Du har ikke tilgang ennå");
  await expect(sso.page.getByText("alle-ansatte")).toBeVisible();
  await expect(sso.page.getByText(/Be en administrator i virksomheten din/)).toBeVisible();
  await expectAccessible(sso.page);
  // The home page says the same instead of "no agencies are registered".
  await sso.page.goto("/");
  await expect(sso.page).toHaveURL(/\/no-access$/);
  await sso.context.close();
  expect(await membershipsOf("per@etat.idp.test")).toEqual([]);

  await page.goto(`/agencies/${OSLO}/members/sso`);
  await expect(page.locator("[data-sso-pending] tbody tr").filter({ hasText: "per@etat.idp.test" })).toContainText(
    "alle-ansatte",
  );

  // Installation admins see the same list at /sso/pending (the demo admin is one only for this check).
  expect((await page.goto("/sso/pending"))!.status()).toBe(404);
  const setInstallationAdmin = (on: boolean) =>
    withAppDatabase((c) => c.query(`UPDATE app_user SET installation_admin = $1 WHERE email = $2`, [on, ADMIN.email]));
  await setInstallationAdmin(true);
  try {
    await page.goto("/");
    await page.getByRole("link", { name: "SSO: venter på tilgang" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("SSO: venter på tilgang");
    await expect(page.locator("[data-sso-pending] tbody tr").filter({ hasText: "per@etat.idp.test" })).toContainText(
      "alle-ansatte",
    );
    await expectAccessible(page);
  } finally {
    await setInstallationAdmin(false);
  }
});

test("an identity whose e-mail is the demo admin's is refused and not linked; the admin account is unchanged", async ({
  browser,
}) => {
  const snapshot = () =>
    withAppDatabase(async (c) => ({
      user: (await c.query(`SELECT id, name, email, installation_admin FROM app_user WHERE email = $1`, [ADMIN.email]))
        .rows,
      identities: (
        await c.query(
          `SELECT i.provider_id, i.account_id FROM auth_identity i JOIN app_user u ON u.id = i.user_id WHERE u.email = $1 ORDER BY 1`,
          [ADMIN.email],
        )
      ).rows,
      memberships: await membershipsOf(ADMIN.email),
      linked: (await c.query(`SELECT count(*)::int AS n FROM auth_identity WHERE account_id = 'falsk-admin'`)).rows[0]
        .n,
    }));
  const before = await snapshot();
  expect(before.identities).toEqual([{ provider_id: "credential", account_id: before.user[0].id }]);
  const { context, page } = await signInWithSso(browser, "falsk-admin");
  await expect(page).toHaveURL(/\/login\/sso-refused\?reason=email_taken$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Innloggingen ble ikke koblet til en konto");
  await expect(page.locator("[data-sso-refused]")).toContainText("Ingenting er endret");
  await expectAccessible(page);
  expect((await context.cookies()).filter((c) => c.name.includes("session_token"))).toEqual([]);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  expect(await snapshot()).toEqual({ ...before, linked: 0 });
  await context.close();
});

test("a group removed at the identity provider removes the membership at the next sign-in", async ({ browser }) => {
  const first = await signInWithSso(browser, "gro-gruppe");
  await expect(first.page.getByRole("heading", { level: 2 })).toHaveText(["Oslo politidistrikt"]);
  await first.context.close();
  expect(await membershipsOf("gro@oslo-politi.idp.test")).toEqual([
    { slug: OSLO, role: "editor", source: "sso_group" },
  ]);

  await setIdpGroups("gro-gruppe", ["alle-ansatte"]);
  const second = await signInWithSso(browser, "gro-gruppe");
  await expect(second.page).toHaveURL(/\/no-access$/);
  expect(await membershipsOf("gro@oslo-politi.idp.test")).toEqual([]);
  await second.context.close();
});

test("signing in with SSO from an invitation link attaches the identity to the invited person and accepts the invitation", async ({
  browser,
}) => {
  const token = randomBytes(32).toString("base64url");
  await withAppDatabase((c) =>
    c.query(
      `INSERT INTO invitation (email, agency_id, role, token_hash, expires_at)
     SELECT 'ida@oslo-politi.test', id, 'viewer', $1, now() + interval '1 day' FROM agency WHERE slug = $2`,
      [createHash("sha256").update(token).digest("hex"), OSLO],
    ),
  );
  const { context, page } = await signInWithSso(browser, "ida-invitert", `/invite/${token}`);
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Oslo politidistrikt"]);
  expect(await membershipsOf("ida@oslo-politi.test")).toEqual([{ slug: OSLO, role: "viewer", source: "manual" }]);
  expect(await membershipsOf("ida.privat@idp.test")).toEqual([]);
  await context.close();
});

test.describe("as a viewer of Oslo politidistrikt", () => {
  test.use({ storageState: STATE.osloViewer });
  test("the SSO mapping page of one's own agency is for its admins only", async ({ page }) => {
    expect((await page.goto(`/agencies/${OSLO}/members/sso`))!.status()).toBe(404);
    expect((await page.goto("/sso/pending"))!.status()).toBe(404);
  });
});
