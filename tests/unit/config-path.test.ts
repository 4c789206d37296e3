import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith("lib/generated/"));
}

describe("configuration reaches code by one path", () => {
  it("the product's code reads no environment variable except through lib/config.ts", () => {
    const readers = [...sources("lib"), ...sources("app"), ...sources("jobs"), "proxy.ts"].filter(
      (f) => f !== "lib/config.ts" && readFileSync(path.join(ROOT, f), "utf8").includes("process.env"),
    );
    expect(readers).toEqual([]);
  });

  it("start-up writes no setting into the environment (only Next.js's own telemetry switch for --dev)", () => {
    const start = readFileSync(path.join(ROOT, "scripts/start.ts"), "utf8");
    const writes = [...start.matchAll(/process\.env\.(\w+)\s*=(?!=)/g)].map((m) => m[1]);
    expect(writes).toEqual(["NEXT_TELEMETRY_DISABLED"]);
  });
});
