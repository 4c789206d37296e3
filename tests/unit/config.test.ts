import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";

describe("configuration", () => {
  it("uses the embedded defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: ".data", SCHEDULER: "on" });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("names the variable and what was expected in one line", () => {
    expect(() => loadConfig({ PORT: "tre tusen" })).toThrow(/^Invalid configuration — PORT: .*\(got "tre tusen"\)$/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ connection URL/);
    expect(() => loadConfig({ CREDENTIALS_KEY: "short" })).toThrow(/CREDENTIALS_KEY: expected 64 hexadecimal characters/);
  });

  it("accepts an external PostgreSQL URL", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/test" }).DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/test");
  });
});
