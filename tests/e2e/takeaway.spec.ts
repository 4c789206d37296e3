import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { STATE } from "./fixtures";

const OSLO = "oslo-politidistrikt";

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("a chart downloads as a PNG with its title, period and source drawn around it", async ({ page }) => {
  await page.goto(`/agencies/${OSLO}/growth?range=90d`);
  const figure = page.locator("figure#growth-accounts");
  const canvas = figure.locator("canvas");
  await expect(canvas).toBeVisible();
  const chart = await canvas.evaluate((c: HTMLCanvasElement) => ({
    width: c.width,
    height: c.height,
    scale: c.width / c.clientWidth,
  }));
  const title = (await figure.getByRole("heading", { level: 2 }).textContent())!;
  const downloading = page.waitForEvent("download");
  const button = figure.getByRole("button", { name: /^Last ned figuren som PNG/ });
  await expect(button).toHaveAccessibleName(new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  await button.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  const size = pngSize(bytes);
  expect(size.width).toBeGreaterThan(chart.width);
  expect(size.height).toBeGreaterThan(chart.height + 60 * chart.scale);
  // The band above the chart holds the title: it has dark text pixels; the chart itself is drawn below it.
  const dark = await page.evaluate(
    async ({ src, scale }) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const c = document.createElement("canvas");
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext("2d")!;
      ctx.drawImage(img, 0, 0);
      const band = ctx.getImageData(0, 24 * scale, img.width, 26 * scale).data;
      let n = 0;
      for (let i = 0; i < band.length; i += 4) if (band[i]! < 80 && band[i + 1]! < 80 && band[i + 2]! < 80) n++;
      return n;
    },
    { src: `data:image/png;base64,${bytes.toString("base64")}`, scale: chart.scale },
  );
  expect(dark).toBeGreaterThan(200);
});

test("a dashboard page downloads as a tagged PDF, for those who may see the page", async ({
  page,
  request,
  browser,
}) => {
  await page.goto(`/agencies/${OSLO}/growth`);
  const link = page.getByRole("link", { name: "Last ned siden som PDF" });
  await expect(link).toHaveAttribute("href", `/agencies/${OSLO}/pdf/growth`);
  const pdf = await request.get(`/agencies/${OSLO}/pdf/growth?range=30d`, { timeout: 90_000 });
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const bytes = await pdf.body();
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const text = bytes.toString("latin1");
  expect(text).toContain("/StructTreeRoot");
  expect(text).toMatch(/\/S\s*\/H1/);
  expect(text).toMatch(/\/S\s*\/Table/);
  expect((await request.get(`/agencies/${OSLO}/pdf/not-a-page`)).status()).toBe(404);

  // A viewer of Oslo gets no PDF of another agency's page.
  const viewer = await browser.newContext({ storageState: STATE.osloViewer });
  expect((await viewer.request.get("/agencies/helse-og-omsorgsdepartementet/pdf/growth")).status()).toBe(404);
  await viewer.close();
});
