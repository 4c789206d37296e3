import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/database.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Lets memory-bound tests force a collection, so they measure live memory rather than garbage.
    execArgv: ["--expose-gc"],
  },
});
