import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, OSLO_VIEWER, STATE, withAppDatabase } from "./fixtures";

/**
/**
 * Walks every page and API route under an agency and asks for another agency's data as a viewer
 * of Oslo politidistrikt: all must fail closed with 404. Routes are found from the file system, so a
 * new page or route is covered without editing this test.
 */
const OWN = "oslo-politidistrikt";
const OTHER = "helse-og-omsorgsdepartementet";
const FOREIGN_ID = "00000000-0000-4000-8000-000000000000";

function routes(dir: string, kind: "page" | "route"): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === `${kind}.tsx` || name === `${kind}.ts`) found.push(path.relative("app", d));
    }
  };
  walk(dir);
  return found
    .map(
      (r) =>
        "/" +
        r
          .split(path.sep)
          .filter((s) => !/^\(.*\)$/.test(s))
          .join("/"),
    )
    .filter((r) => r.includes("[slug]") && !r.startsWith("/public/")); // public pages are open by design (public.spec.ts)
}

const toUrl = (route: string, slug: string) =>
  route.replace("[slug]", slug).replace(/\[\.\.\.[^\]]+\]|\[[^\]]+\]/g, FOREIGN_ID);

test.use({ storageState: STATE.osloViewer });

const PAGES = routes("app", "page");
const APIS = routes("app", "route");

test("the walk finds the agency pages", () => {
  expect(PAGES).toContain("/agencies/[slug]/members");
});

for (const route of PAGES) {
  test(`page ${route} of another agency answers 404`, async ({ page }) => {
    const res = await page.goto(toUrl(route, OTHER));
    expect(res!.status()).toBe(404);
  });
}

for (const route of APIS) {
  test(`API ${route} of another agency answers 404 to GET and POST`, async ({ request }) => {
    const url = toUrl(route, OTHER);
    const get = await request.get(`${url}?agency=${OTHER}&accountId=${FOREIGN_ID}`);
    expect(get.status()).toBe(404);
    const post = await request.post(url, {
      data: { agency: OTHER, id: FOREIGN_ID },
      headers: { origin: `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}` },
    });
    expect([404, 405]).toContain(post.status());
  });
}

test("a viewer does not get the admin-only members page of their own agency", async ({ page }) => {
  const res = await page.goto(`/agencies/${OWN}/members`);
  expect(res!.status()).toBe(404);
});

test("a viewer sees only their own agency on the home page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Oslo politidistrikt"]);
});

test("a viewer does not get the admin-only settings page of their own agency", async ({ page }) => {
  expect((await page.goto(`/agencies/${OWN}/settings`))!.status()).toBe(404);
});

test("only installation administrators get the installation's agencies page", async ({ page, browser }) => {
  expect((await page.goto("/admin/agencies"))!.status()).toBe(404);
  const admin = await browser.newContext({ storageState: STATE.admin });
  expect((await (await admin.newPage()).goto("/admin/agencies"))!.status()).toBe(404); // admin of agencies, not of the installation
  await admin.close();
});

test("everyone signed in has their own account page", async ({ page }) => {
  await page.goto("/account?lang=nb");
  await expect(page.getByRole("heading", { level: 1, name: "Min konto" })).toBeVisible();
  await expect(page.getByText(`Du er logget inn som ${OSLO_VIEWER.email}.`)).toBeVisible();
});

/**
 * Server actions are reachable by anyone who knows their id: replay the exact forms an admin gets
 * (members of another agency, the installation's agencies) as the Oslo viewer. Each must fail closed.
 */
test("replaying an admin's member and agency actions as a viewer changes nothing", async ({ browser, request }) => {
  const admin = await browser.newContext({ storageState: STATE.admin });
  const page = await admin.newPage();
  await withAppDatabase((c) =>
    c.query("UPDATE app_user SET installation_admin = true WHERE email = $1", [ADMIN.email]),
  );
  const forms: { url: string; fields: [string, string][] }[] = [];
  try {
    for (const url of [`/agencies/${OTHER}/members`, "/admin/agencies"]) {
      await page.goto(url);
      for (const form of await page.locator("main form").all()) {
        const fields = await form.evaluate((f: HTMLFormElement) =>
          [...new FormData(f)].map(([k, v]) => [k, String(v)] as [string, string]),
        );
        if (fields.some(([k]) => k.startsWith("$ACTION"))) forms.push({ url, fields });
      }
    }
  } finally {
    await withAppDatabase((c) =>
      c.query("UPDATE app_user SET installation_admin = false WHERE email = $1", [ADMIN.email]),
    );
    await admin.close();
  }
  expect(forms.length).toBeGreaterThan(4);
  const before = await withAppDatabase(
    async (c) => (await c.query("SELECT count(*)::int AS n FROM audit_event")).rows[0].n as number,
  );
  for (const form of forms) {
    const res = await request.post(form.url, {
      multipart: Object.fromEntries(form.fields),
      headers: { origin: `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}` },
      maxRedirects: 0,
    });
    expect(res.status(), `${form.url} ${form.fields.map(([k]) => k).join(",")}`).toBe(404);
  }
  const after = await withAppDatabase(
    async (c) => (await c.query("SELECT count(*)::int AS n FROM audit_event")).rows[0].n as number,
  );
  expect(after).toBe(before);
});
