import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { withAppDatabase } from "./fixtures";

const MINISTRY = "helse-og-omsorgsdepartementet";
const OSLO = "oslo-politidistrikt";
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Everything personal the demo database holds about citizens: reply texts, authors, permalinks. */
async function personalData(): Promise<string[]> {
  return withAppDatabase(async (c) => {
    const { rows } = await c.query<{ v: string }>(`
      SELECT DISTINCT v FROM (
        SELECT text AS v FROM reply UNION ALL SELECT author_display_name FROM reply UNION ALL
        SELECT author_hash FROM reply UNION ALL SELECT permalink FROM reply
      ) x WHERE v IS NOT NULL AND length(v) >= 4`);
    return rows.map((r) => r.v);
  });
}

function leaks(body: string, secrets: string[]): string[] {
  // A JSON body escapes quotes and slashes; compare against the decoded text as well.
  const decoded = body.startsWith("{")
    ? JSON.stringify(JSON.parse(body), null, 0).replace(/\\"/g, '"').replace(/\\\//g, "/")
    : body;
  const found = secrets.filter((s) => body.includes(s) || decoded.includes(s));
  // Demo handles of citizens look like kari_123; they are never stored, and must never show.
  const handle = /\b[a-zæøå]{3,}_\d{2,3}\b/i.exec(decoded);
  return handle ? [...found, handle[0]] : found;
}

test.describe("the public transparency page", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("opens without signing in, shows channels, audience, campaigns and inputs as figures, and passes axe", async ({
    page,
  }) => {
    const res = await page.goto(`/public/${MINISTRY}`);
    expect(res!.status()).toBe(200);
    expect(res!.headers()["cache-control"]).toMatch(/public/);
    await expect(page).toHaveURL(new RegExp(`/public/${MINISTRY}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Helse- og omsorgsdepartementet – åpenhet om kanalene",
    );
    await expect(page).toHaveTitle("Helse- og omsorgsdepartementet – åpenhet om kanalene");
    await expect(page.getByRole("heading", { level: 2, name: "Kanaler og publikum nå" })).toBeVisible();
    await expect(page.locator('table[data-table="public-channels"] tbody tr')).toHaveCount(4);
    await expect(page.getByRole("heading", { level: 2, name: "Følgere ved utgangen av hver måned" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Hva skjedde med innspillene" })).toBeVisible();
    await expect(page.locator('table[data-table="public-work-items"] tbody tr').first()).toBeVisible();
    expect((await new AxeBuilder({ page }).withTags(TAGS).analyze()).violations.map((v) => v.id)).toEqual([]);
  });

  test("its CSV and JSON carry the same figures as the page", async ({ page, request }) => {
    const json = await request.get(`/public/${MINISTRY}/data.json`);
    expect(json.status()).toBe(200);
    expect(json.headers()["cache-control"]).toMatch(/public, max-age=\d+/);
    const data = await json.json();
    const csv = await request.get(`/public/${MINISTRY}/data.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
    const lines = (await csv.text())
      .replace(/^\ufeff/, "")
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe("section,subject,platform,period,measure,value");
    const csvValue = (section: string, measure: string, subject = "") =>
      lines
        .find((l) => l.startsWith(`${section},${subject},`) && l.split(",").at(-2) === measure)
        ?.split(",")
        .at(-1);
    expect(Number(csvValue("inputs", "inputs"))).toBe(data.inputs.inputs);
    expect(Number(csvValue("inputs", "reached"))).toBe(data.inputs.reached);
    expect(data.workItems.length).toBeGreaterThan(0);
    const item = data.workItems[0];
    expect(
      Number(
        lines
          .find(
            (l) =>
              l.startsWith(`work_item,${item.title.includes(",") ? `"${item.title}"` : item.title},`) &&
              l.includes(",inputs,"),
          )!
          .split(",")
          .at(-1),
      ),
    ).toBe(item.inputs);

    await page.goto(`/public/${MINISTRY}`);
    const inputsRow = page
      .locator('table[data-table="public-inputs"] tbody tr')
      .filter({ hasText: "Merket som innspill" });
    await expect(inputsRow.locator("td")).toHaveText(
      data.inputs.inputs.toLocaleString("nb-NO").replace(/\s/g, "\u00a0"),
    );
    await expect(page.locator('table[data-table="public-channels"] tbody tr')).toHaveCount(data.channels.length);
    await expect(page.locator('table[data-table="public-work-items"] tbody tr')).toHaveCount(data.workItems.length);
  });

  test("holds no reply text, author or handle of any citizen in its HTML, CSV or JSON", async ({ request }) => {
    const secrets = await personalData();
    expect(secrets.length).toBeGreaterThan(100);
    for (const path of ["", "/data.csv", "/data.json"]) {
      const body = await (await request.get(`/public/${MINISTRY}${path}`)).text();
      expect(body.length).toBeGreaterThan(500);
      expect(leaks(body, secrets), `personal data in /public/${MINISTRY}${path}`).toEqual([]);
    }
  });

  test("an agency that has not switched it on answers with the product's own 404", async ({ page, request }) => {
    const res = await page.goto(`/public/${OSLO}`);
    expect(res!.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fant ikke siden");
    for (const path of ["/data.csv", "/data.json"])
      expect((await request.get(`/public/${OSLO}${path}`)).status()).toBe(404);
    expect((await request.get("/public/finnes-ikke/data.json")).status()).toBe(404);
  });
});

async function status(request: APIRequestContext, slug: string) {
  return (await request.get(`/public/${slug}/data.json`)).status();
}

test("an agency admin switches the public page on and off in the agency's settings", async ({
  page,
  playwright,
  baseURL,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  expect(await status(anonymous, OSLO)).toBe(404);
  const save = async (choice: string) => {
    await page.goto(`/agencies/${OSLO}/settings`);
    await page.getByLabel("Offentlig åpenhetsside").selectOption({ label: choice });
    await page.getByRole("button", { name: "Lagre" }).click();
    await expect(page.getByRole("status")).toHaveText("Innstillingene er lagret.");
  };
  await save("På – alle kan se samlede tall");
  expect(await status(anonymous, OSLO)).toBe(200);
  await save("Av");
  expect(await status(anonymous, OSLO)).toBe(404);
  await anonymous.dispose();
});
