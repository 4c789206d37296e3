/**
 * Starts the product for the end-to-end tests on a database of their own: a fresh database
 * `kanal_e2e_<port>` on DATABASE_URL's (local) server when it is set, otherwise a fresh embedded
 * PostgreSQL in a temporary folder. Then hands over to the ordinary start script.
 */
import { mkdtempSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { adminQuery, assertLocalDatabase, withDatabase } from "../helpers/pgServer";

const server = process.env.DATABASE_URL;
if (server) {
  assertLocalDatabase(server);
  const name = `kanal_e2e_${process.env.PORT ?? "3100"}`; // one per port, so parallel runs do not collide
  await adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(server, `CREATE DATABASE ${name}`);
  process.env.DATABASE_URL = withDatabase(server, name);
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kanal-e2e-"));
  chmodSync(dir, 0o755);
  process.env.DATA_DIR = dir;
  process.env.EMBEDDED_PG_PORT = String(56_000 + (process.pid % 3_000));
}
if (!process.env.DATA_DIR) process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "kanal-e2e-keys-"));
// The sandbox platforms on any free port, so parallel runs do not collide.
process.env.SANDBOX_PORT ??= "0";
await import("../../scripts/start");
