import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { STATE } from "./fixtures";

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
    .map((r) => "/" + r.split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join("/"))
    .filter((r) => r.includes("[slug]"));
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
    const post = await request.post(url, { data: { agency: OTHER, id: FOREIGN_ID }, headers: { origin: `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}` } });
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
