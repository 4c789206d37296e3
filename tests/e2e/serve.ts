/**
 * Starts the product for the end-to-end tests on a database of their own: a fresh database
 * `kanal_e2e_<port>` on DATABASE_URL's (local) server when it is set, otherwise a fresh embedded
 * PostgreSQL in a temporary folder. Writes the database URL for the tests (fixtures.ts), then
 * hands over to the ordinary start script.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { embeddedDatabaseUrl } from "@/lib/db/embedded";
import { localDay } from "@/lib/time";
import { adminQuery, assertLocalDatabase, withDatabase } from "../helpers/pgServer";
import { ADMIN, E2E_PORT, runInfoFile } from "./fixtures";
import { IDP_CLIENT, IDP_ISSUER, startIdentityProvider } from "./identityProvider";

const server = process.env.DATABASE_URL;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "kanal-e2e-"));
chmodSync(dataDir, 0o755); // as root, the embedded PostgreSQL runs as its own system user
process.env.DATA_DIR = dataDir;
let databaseUrl: string;
if (server) {
  assertLocalDatabase(server);
  const name = `kanal_e2e_${E2E_PORT}`; // one per port, so parallel runs do not collide
  await adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(server, `CREATE DATABASE ${name}`);
  databaseUrl = withDatabase(server, name);
  process.env.DATABASE_URL = databaseUrl;
} else {
  const port = 56_000 + (process.pid % 3_000);
  process.env.EMBEDDED_PG_PORT = String(port);
  databaseUrl = embeddedDatabaseUrl(port);
}
process.env.DEMO_ADMIN_PASSWORD = ADMIN.password;
process.env.DEMO_DATA = "on"; // on an external database demo data loads only when asked for
process.env.MAIL_CATCHER_PORT = String(E2E_PORT + 10_000);
delete process.env.SMTP_HOST;
mkdirSync(path.dirname(runInfoFile()), { recursive: true });
writeFileSync(runInfoFile(), JSON.stringify({ databaseUrl, dataDir, startDay: localDay(new Date(), "Europe/Oslo") }));
// Single sign-on against a real OpenID Connect provider on loopback, up before the app starts.
process.env.PUBLIC_URL = `http://127.0.0.1:${E2E_PORT}`;
await startIdentityProvider(process.env.PUBLIC_URL);
Object.assign(process.env, {
  OIDC_ISSUER: IDP_ISSUER,
  OIDC_CLIENT_ID: IDP_CLIENT.id,
  OIDC_CLIENT_SECRET: IDP_CLIENT.secret,
});
// The sandbox platforms on any free port, so parallel runs do not collide.
process.env.SANDBOX_PORT ??= "0";
await import("../../scripts/start");
