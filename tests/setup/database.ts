import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { adminQuery, assertLocalDatabase, withDatabase } from "../helpers/pgServer";

export const TEMPLATE_DB = `kanal_tpl_${process.pid}`;

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    templateDb: string;
  }
}

/**
 * One PostgreSQL for the whole run: DATABASE_URL's server when set (on these machines a local
 * PostgreSQL 15), otherwise an embedded one in a temporary folder. A migrated template database is
 * cloned for each test file (tests/helpers/testDb.ts), so files run in parallel without sharing rows.
 */
export default async function setup(project: TestProject) {
  let serverUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  let tmp: string | null = null;
  if (serverUrl) {
    assertLocalDatabase(serverUrl);
  } else {
    tmp = await mkdtemp(path.join(os.tmpdir(), "kanal-test-pg-"));
    await chmod(tmp, 0o755); // as root, PostgreSQL runs as its own system user and must reach the folder
    const port = 55_000 + (process.pid % 5_000);
    const embedded = await startEmbeddedPostgres({ dataDir: tmp, port, database: "postgres" });
    serverUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await adminQuery(serverUrl, `CREATE DATABASE ${TEMPLATE_DB}`);
  await migrate(withDatabase(serverUrl, TEMPLATE_DB));
  project.provide("pgServerUrl", serverUrl);
  project.provide("templateDb", TEMPLATE_DB);

  return async () => {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${TEMPLATE_DB}`).catch(() => undefined);
    if (stopEmbedded) await stopEmbedded();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  };
}
