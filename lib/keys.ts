import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { HexKeySchema, type Config } from "@/lib/config";

const KeyFileSchema = z.object({
  pseudonymisationKey: HexKeySchema,
  credentialsKey: HexKeySchema,
  authSecret: HexKeySchema.optional(),
});

export type Keys = { pseudonymisationKey: string; credentialsKey: string; authSecret: string };

/** DATA_DIR (mail catcher, embedded database, generated keys) exists before anything is written into it. */
export function ensureDataDir(dataDir: string): string {
  const dir = path.resolve(dataDir);
  // Default mode: as root, the embedded PostgreSQL runs as its own system user and must reach DATA_DIR/postgres.
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Keys from the environment, or — for a local installation that set none — from DATA_DIR/keys.json,
 * created once with random keys (mode 0600). Production deployments should set both variables.
 */
export function resolveKeys(config: Config): Keys & { source: "environment" | "file" } {
  if (config.PSEUDONYMISATION_KEY && config.CREDENTIALS_KEY && config.AUTH_SECRET) {
    return {
      pseudonymisationKey: config.PSEUDONYMISATION_KEY,
      credentialsKey: config.CREDENTIALS_KEY,
      authSecret: config.AUTH_SECRET,
      source: "environment",
    };
  }
  const file = path.resolve(config.DATA_DIR, "keys.json");
  const fresh = () => randomBytes(32).toString("hex");
  let stored: Keys;
  if (existsSync(file)) {
    const parsed = KeyFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`${file} is damaged: expected 64-character hex keys`);
    stored = { ...parsed.data, authSecret: parsed.data.authSecret ?? fresh() };
    if (!parsed.data.authSecret) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
    stored = { pseudonymisationKey: fresh(), credentialsKey: fresh(), authSecret: fresh() };
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    pseudonymisationKey: config.PSEUDONYMISATION_KEY ?? stored.pseudonymisationKey,
    credentialsKey: config.CREDENTIALS_KEY ?? stored.credentialsKey,
    authSecret: config.AUTH_SECRET ?? stored.authSecret,
    source: "file",
  };
}
