import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

/**
 * Prints report HTML to PDF with headless Chromium (Debian's package), the same engine that shows it
 * in the browser. Throws a clear message when Chromium is not installed.
 */
export async function renderPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`PDF needs Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    // The report is self-contained (the chart is a data: URL): nothing to fetch.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    return await page.pdf({ format: "A4", printBackground: true, margin: { top: "15mm", bottom: "15mm", left: "12mm", right: "12mm" } });
  } finally {
    await browser.close();
  }
}
