import { describe, expect, it } from "vitest";
import { loadConfig, maskUrlPassword, publishConfig, redactSecrets, runtimeConfig } from "@/lib/config";

describe("configuration", () => {
  it("uses the embedded defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: ".data", SCHEDULER: "on" });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("names the variable and what was expected in one line", () => {
    expect(() => loadConfig({ PORT: "tre tusen" })).toThrow(/^Invalid configuration — PORT: .*\(got "tre tusen"\)$/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ connection URL/,
    );
    expect(() => loadConfig({ CREDENTIALS_KEY: "short" })).toThrow(
      /CREDENTIALS_KEY: expected 64 hexadecimal characters/,
    );
  });

  it("accepts an external PostgreSQL URL", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/test" }).DATABASE_URL).toBe(
      "postgresql://postgres@127.0.0.1:5432/test",
    );
  });

  it("loads demo data by default only on the embedded database", () => {
    expect(loadConfig({}).DEMO_DATA).toBe("on");
    expect(loadConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/test" }).DEMO_DATA).toBe("off");
    expect(loadConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/test", DEMO_DATA: "on" }).DEMO_DATA).toBe(
      "on",
    );
    expect(loadConfig({ DEMO_DATA: "off" }).DEMO_DATA).toBe("off");
  });

  it("never repeats the value of a secret setting in the start-up error", () => {
    const secrets = {
      CREDENTIALS_KEY: "kredentials-hemmelig-1234",
      PSEUDONYMISATION_KEY: "pseudo-hemmelig-5678",
      AUTH_SECRET: "for-kort-hemmelighet",
      SMTP_PASSWORD: "",
      OIDC_CLIENT_SECRET: "",
      DEMO_ADMIN_PASSWORD: "kort-pass",
    };
    let message = "";
    try {
      loadConfig(secrets);
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of [
      "CREDENTIALS_KEY",
      "PSEUDONYMISATION_KEY",
      "AUTH_SECRET",
      "SMTP_PASSWORD",
      "OIDC_CLIENT_SECRET",
      "DEMO_ADMIN_PASSWORD",
    ])
      expect(message).toContain(`${name}:`);
    for (const value of Object.values(secrets).filter(Boolean)) expect(message).not.toContain(value);
    expect(message).toContain("value not shown");
  });

  it("shows a wrong database URL without its password", () => {
    let message = "";
    try {
      loadConfig({ DATABASE_URL: "mysql://kanal:Sup3rHemmelig@db.example.no:3306/kanal" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("mysql://kanal:***@db.example.no:3306/kanal");
    expect(message).not.toContain("Sup3rHemmelig");
  });

  it("masks URL passwords and secret values in any text that may be logged", () => {
    expect(maskUrlPassword("connect postgres://u:p%40ss@h:5432/d failed")).toBe(
      "connect postgres://u:***@h:5432/d failed",
    );
    expect(maskUrlPassword("postgres://h/d?password=abc&sslmode=require")).toBe(
      "postgres://h/d?password=***&sslmode=require",
    );
    expect(
      maskUrlPassword(
        "GET https://graph.example/v19/me?fields=a&access_token=EAAB123 failed; Authorization: Bearer abc.def",
      ),
    ).toBe("GET https://graph.example/v19/me?fields=a&access_token=*** failed; Authorization: Bearer ***");
    expect(redactSecrets("token abcdef123456 refused", { SMTP_PASSWORD: "abcdef123456", PORT: "3000" })).toBe(
      "token *** refused",
    );
  });
});

describe("the configuration of the process", () => {
  it("is what start-up published, derived values included, and read the same by every caller", () => {
    const key = "ab".repeat(32);
    publishConfig({
      ...loadConfig({}),
      DATABASE_URL: "postgresql://kanal@127.0.0.1:54329/kanal",
      CREDENTIALS_KEY: key,
      SANDBOX_URL: "http://127.0.0.1:3999",
    });
    expect(runtimeConfig()).toMatchObject({
      DATABASE_URL: "postgresql://kanal@127.0.0.1:54329/kanal",
      CREDENTIALS_KEY: key,
      SANDBOX_URL: "http://127.0.0.1:3999",
    });
    expect(runtimeConfig()).toBe(runtimeConfig());
    expect(Object.isFrozen(runtimeConfig())).toBe(true);
    // A key read from DATA_DIR/keys.json is in no environment variable, yet never reaches a log line.
    expect(process.env.CREDENTIALS_KEY).not.toBe(key);
    expect(redactSecrets(`could not decrypt with ${key}`)).toBe("could not decrypt with ***");
  });
});
