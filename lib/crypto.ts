import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Keyed hash of a citizen's handle: stable per key (so replies by one author can be grouped,
 * exported or erased) but not reversible without the key.
 */
export function pseudonymise(handle: string, keyHex: string): string {
  return createHmac("sha256", Buffer.from(keyHex, "hex")).update(handle.trim().toLowerCase()).digest("hex");
}

/** AES-256-GCM; output is iv (12) || tag (16) || ciphertext. */
export function encryptSecret(plaintext: string, keyHex: string | undefined): Buffer {
  if (!keyHex) {
    throw new Error("CREDENTIALS_KEY is not set: platform credentials cannot be saved without an encryption key");
  }
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(keyHex, "hex"), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptSecret(blob: Uint8Array, keyHex: string | undefined): string {
  if (!keyHex) throw new Error("CREDENTIALS_KEY is not set: stored platform credentials cannot be read");
  const buf = Buffer.from(blob);
  const decipher = createDecipheriv("aes-256-gcm", Buffer.from(keyHex, "hex"), buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString("utf8");
}

/** Compares secrets without leaking where they differ through timing. */
export function secretsEqual(a: string, b: string): boolean {
  const ha = createHmac("sha256", "compare").update(a).digest();
  const hb = createHmac("sha256", "compare").update(b).digest();
  return timingSafeEqual(ha, hb);
}
