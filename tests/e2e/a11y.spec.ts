import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { STATE, withAppDatabase } from "./fixtures";

/**
 * axe-core (WCAG 2.1 A and AA) on every page of the product, as each role sees it: the admin, an
 * editor and a viewer of Oslo politidistrikt, and anyone without a session on the pages open to all.
 * Pages are found from app/ on disk, so a new page is checked without editing this test.
 */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const OSLO = "oslo-politidistrikt";
const PUBLIC_SLUG = "helse-og-omsorgsdepartementet";
const OPEN_TO_ALL = [/^\/login/, /^\/invite\//, /^\/unsubscribe$/, /^\/public\//, /^\/no-access$/, /^\/sso\//];

function pageRoutes(): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "page.tsx" || name === "page.ts") found.push(path.relative("app", d));
    }
  };
  walk("app");
  return found
    .map(
      (r) =>
        "/" +
        r
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s))
          .join("/"),
    )
    .map((r) => (r === "/" ? r : r.replace(/\/$/, "")))
    .sort();
}

/** A concrete URL for a route: the agency of the role, and ids that exist (made once if need be). */
async function concrete(route: string, page: Page): Promise<string | null> {
  let url = route.replace("[slug]", route.startsWith("/public/") ? PUBLIC_SLUG : OSLO);
  if (url.includes("/work-items/[id]")) {
    const id = await withAppDatabase(async (c) => {
      const agency = (await c.query<{ id: string }>("SELECT id FROM agency WHERE slug = $1", [OSLO])).rows[0]!.id;
      await c.query(
        "INSERT INTO work_item (agency_id, title) VALUES ($1, 'Universell utforming av skjema') ON CONFLICT DO NOTHING",
        [agency],
      );
      return (
        await c.query<{ id: string }>("SELECT id FROM work_item WHERE agency_id = $1 ORDER BY created_at LIMIT 1", [
          agency,
        ])
      ).rows[0]!.id;
    });
    url = url.replace("[id]", id);
  }
  if (url.includes("/mailbox/[file]")) {
    await page.goto("/mailbox");
    const href = await page
      .locator('main a[href^="/mailbox/"]')
      .first()
      .getAttribute("href", { timeout: 2_000 })
      .catch(() => null);
    if (!href) return null;
    url = href;
  }
  // An unknown invitation token shows the page's own "link not valid" view.
  return url.replace("[token]", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
}

async function expectNoViolations(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = result.violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
  expect(summary, `axe on ${page.url()}`).toEqual([]);
}

const ROUTES = pageRoutes();

test("the walk finds every kind of page", () => {
  expect(ROUTES).toEqual(
    expect.arrayContaining([
      "/",
      "/agencies/[slug]/growth",
      "/agencies/[slug]/connections",
      "/public/[slug]",
      "/mailbox/[file]",
    ]),
  );
});

for (const [role, storageState] of [
  ["admin", STATE.admin],
  ["editor", STATE.osloEditor],
  ["viewer", STATE.osloViewer],
] as const) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState });
    for (const route of ROUTES) {
      test(`${route} has no WCAG 2.1 AA violations`, async ({ page }) => {
        test.setTimeout(90_000);
        const url = await concrete(route, page);
        test.skip(url === null, "this person has no message in the local mailbox");
        await expectNoViolations(page, url!);
      });
    }
  });
}

test.describe("without signing in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  for (const route of ROUTES.filter((r) => OPEN_TO_ALL.some((re) => re.test(r)))) {
    test(`${route} has no WCAG 2.1 AA violations`, async ({ page }) => {
      await expectNoViolations(page, (await concrete(route, page))!);
    });
  }
});
