import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { STATE } from "./fixtures";

const SLUG = "oslo-politidistrikt";

test("the growth CSV downloaded from the dashboard has the same numbers as the dashboard's API", async ({
  page,
  request,
}) => {
  await page.goto(`/agencies/${SLUG}/growth?range=30d&bucket=week`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "publikum per periode" }).click(),
  ]);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.startsWith("\uFEFFperiode_start;plattform;kanal;publikum;netto_vekst;brudd;brudd_merknad\r\n")).toBe(true);

  const api = await (await request.get(`/api/agencies/${SLUG}/growth?range=30d&bucket=week`)).json();
  const ops = api.data.accounts.find((a: { label: string }) => a.label.includes("oslopolitiops"));
  const rows = csv
    .trim()
    .split("\r\n")
    .slice(1)
    .map((l) => l.split(";"))
    .filter((r) => r[2] === ops.label);
  expect(rows.map((r) => r[0])).toEqual(api.data.buckets);
  expect(rows.map((r) => (r[3] === "" ? null : Number(r[3])))).toEqual(ops.absolute);
});

test("the posts export streams every post with Norwegian letters intact, and honours sep=comma", async ({
  request,
}) => {
  const res = await request.get(`/api/agencies/${SLUG}/export/posts?range=7d&sep=comma`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const text = (await res.body()).toString("utf8");
  expect(text.startsWith("\uFEFFpublisert_utc,publisert_lokal,plattform,kanal,tekst")).toBe(true);
  expect(text).toMatch(/[æøå]/);
});

test("CSV for Norwegian Excel: decimal comma with `;`, labels in the page's language", async ({ request }) => {
  const campaigns = (
    await (await request.get(`/api/agencies/${SLUG}/export/campaigns?from=2017-10-01&to=2017-10-31`)).body()
  ).toString("utf8");
  const [header, row] = campaigns
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(header).toBe("sendt_dato;plattform;kanal;kampanje;sendt;naadd;maalgruppe;dekning_prosent;aapnet;klikk");
  expect(row!.split(";")[7]).toBe("20");
  const reach = (await (await request.get(`/api/agencies/${SLUG}/export/reach?range=30d&bucket=week`)).body()).toString(
    "utf8",
  );
  // Engagement rates are percentages with a decimal comma, never a point in a `;` file.
  const rates = reach
    .trim()
    .split("\r\n")
    .slice(1)
    .map((l) => l.split(";")[6])
    .filter((v) => v && v !== "");
  expect(rates.length).toBeGreaterThan(0);
  for (const r of rates) expect(r).toMatch(/^\d+(,\d+)?$/);
  const nb = (await (await request.get(`/api/agencies/${SLUG}/export/overview`)).body()).toString("utf8");
  expect(nb).toContain(";aktiv;");
  expect(nb).not.toContain(";active;");
  const en = (await (await request.get(`/api/agencies/${SLUG}/export/overview?lang=en&sep=comma`)).body()).toString(
    "utf8",
  );
  expect(en.replace(/^\uFEFF/, "").split("\r\n")[0]).toMatch(/^platform,channel,name,status,followers,/);
  expect(en).toContain(",active,");
});

test("exports answer 400 to bad filters and 404 to unknown datasets", async ({ request }) => {
  expect((await request.get(`/api/agencies/${SLUG}/export/growth?bucket=year`)).status()).toBe(400);
  expect((await request.get(`/api/agencies/${SLUG}/export/passwords`)).status()).toBe(404);
});

test.describe("as a viewer", () => {
  test.use({ storageState: STATE.osloViewer });
  test("citizens' reply texts are not exported to a viewer", async ({ request }) => {
    expect((await request.get(`/api/agencies/${SLUG}/export/reply-texts`)).status()).toBe(404);
    expect((await request.get(`/api/agencies/${SLUG}/export/replies`)).status()).toBe(200);
  });
});

test("the outcome view's CSV carries the same funnel figures as the page", async ({ page }) => {
  await page.goto("/agencies/helse-og-omsorgsdepartementet/outcomes");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "trakt per kanal" }).click(),
  ]);
  const raw = readFileSync((await download.path())!, "utf8");
  expect(raw.startsWith("\uFEFF")).toBe(true);
  const csv = raw.trim().split("\r\n");
  expect(csv[0]).toBe(
    "plattform;kanal;svar;innspill;koblet;vurdert;videresendt;naadd_fram;gjennomfort;avslaatt;median_dager_til_beslutning",
  );
  const total = csv.at(-1)!.split(";");
  expect(total.slice(0, 2)).toEqual(["alle", "alle"]);
  const summary = (await page.getByTestId("outcome-summary").textContent())!.replace(/\s/g, " ");
  // The summary names the number of inputs; the CSV's total row has the same count.
  expect(summary).toContain(`${Number(total[3]).toLocaleString("nb-NO").replace(/\s/g, " ")} innspill`);
});
