// No imports: playwright.config.ts loads this file with Playwright's own TypeScript loader.

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH names another. */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * How Chromium is started, for PDFs (lib/reports/pdf.ts) and for the end-to-end tests alike: headless, without the
 * sandbox a container cannot give, and without any traffic of its own (updates, sync, QUIC).
 */
export function chromiumLaunchOptions(executablePath: string = DEFAULT_CHROMIUM_PATH) {
  return {
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  };
}
