import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, pseudonymise, secretsEqual } from "@/lib/crypto";

const KEY = "ab".repeat(32);

describe("secrets and pseudonyms", () => {
  it("encrypt credentials so that only the key opens them, and tampering is detected", () => {
    const blob = encryptSecret('{"bearer":"AAAA"}', KEY);
    expect(blob.toString("utf8")).not.toContain("AAAA");
    expect(decryptSecret(blob, KEY)).toBe('{"bearer":"AAAA"}');
    expect(() => decryptSecret(blob, "cd".repeat(32))).toThrow();
    blob[blob.length - 1]! ^= 1;
    expect(() => decryptSecret(blob, KEY)).toThrow();
  });

  it("refuse to save credentials without a key, saying why", () => {
    expect(() => encryptSecret("x", undefined)).toThrow(/CREDENTIALS_KEY is not set/);
  });

  it("pseudonymise handles stably per key, case-insensitively, and differently under another key", () => {
    expect(pseudonymise("Kari_N", KEY)).toBe(pseudonymise(" kari_n", KEY));
    expect(pseudonymise("kari_n", KEY)).not.toBe(pseudonymise("kari_n", "cd".repeat(32)));
    expect(pseudonymise("kari_n", KEY)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("compare secrets by value", () => {
    expect(secretsEqual("s3cret", "s3cret")).toBe(true);
    expect(secretsEqual("s3cret", "s3cres")).toBe(false);
  });
});
