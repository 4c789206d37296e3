import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { chromiumLaunchOptions } from "@/lib/chromium";

/** Chromium at `chromiumPath` (CHROMIUM_PATH), with a clear message when it is not installed. */
async function launchChromium(chromiumPath: string) {
  if (!existsSync(chromiumPath)) {
    throw new Error(`PDF needs Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  return chromium.launch(chromiumLaunchOptions(chromiumPath));
}

/**
 * Prints report HTML to PDF with headless Chromium (Debian's package), the same engine that shows it
 * in the browser. Throws a clear message when Chromium is not installed.
 */
export async function renderPdf(
  html: string,
  chromiumPath: string,
  opts: { landscape?: boolean } = {},
): Promise<Buffer> {
  const browser = await launchChromium(chromiumPath);
  try {
    const page = await browser.newPage();
    // The report is self-contained (the chart is a data: URL): nothing to fetch.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    // Tagged, with an outline from the headings: screen readers read the PDF's structure (lang, title, h1/h2, tables).
    return await page.pdf({
      format: "A4",
      landscape: opts.landscape,
      tagged: true,
      outline: true,
      printBackground: true,
      margin: { top: "15mm", bottom: "15mm", left: "12mm", right: "12mm" },
    });
  } finally {
    await browser.close();
  }
}

/**
 * Prints a page of this product as the signed-in user sees it (their cookie header, only this
 * origin reachable), with every <details> table opened so the figures are in the PDF too.
 */
export async function renderPagePdf(url: string, cookie: string, chromiumPath: string): Promise<Buffer> {
  const origin = new URL(url).origin;
  const browser = await launchChromium(chromiumPath);
  try {
    const context = await browser.newContext({ extraHTTPHeaders: { cookie }, viewport: { width: 1100, height: 1400 } });
    const page = await context.newPage();
    await page.route("**/*", (route) =>
      route
        .request()
        .url()
        .startsWith(origin + "/")
        ? route.continue()
        : route.abort(),
    );
    await page.goto(url, { waitUntil: "networkidle", timeout: 45_000 });
    await page.evaluate(() =>
      document.querySelectorAll("details").forEach((d) => {
        d.open = true;
      }),
    );
    await page
      .waitForFunction(() => Array.from(document.querySelectorAll("canvas")).every((c) => c.width > 0), undefined, {
        timeout: 10_000,
      })
      .catch(() => undefined);
    return await page.pdf({
      format: "A4",
      tagged: true,
      outline: true,
      printBackground: true,
      margin: { top: "12mm", bottom: "12mm", left: "10mm", right: "10mm" },
    });
  } finally {
    await browser.close();
  }
}
