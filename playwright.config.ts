import { defineConfig } from "@playwright/test";

import { chromiumLaunchOptions } from "./lib/chromium";
import { E2E_PORT as PORT, STATE } from "./tests/e2e/fixtures";

/**
 * End-to-end tests drive Debian's Chromium (Playwright's own browser download is not reachable
 * here) against the production build, started by tests/e2e/serve.ts on a fresh database.
 */
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // Pages without an agency follow the browser's language; the users are Norwegian.
    locale: "nb-NO",
    launchOptions: chromiumLaunchOptions(process.env.CHROMIUM_PATH),
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    // Every other spec runs signed in as the demo admin unless it says otherwise.
    { name: "chromium", dependencies: ["setup"], use: { storageState: STATE.admin } },
  ],
  webServer: {
    command: "tsx tests/e2e/serve.ts",
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(PORT), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1" },
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
