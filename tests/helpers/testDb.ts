import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { adminQuery, withDatabase } from "./pgServer";

export type TestDatabase = { url: string; db: Db };

/** A fresh, migrated database of this test file's own, dropped when the file is done. */
export function useTestDatabase(): TestDatabase {
  const name = `kanal_t_${randomBytes(6).toString("hex")}`;
  const handle = {} as TestDatabase;
  beforeAll(async () => {
    const server = inject("pgServerUrl");
    await adminQuery(server, `CREATE DATABASE ${name} TEMPLATE ${inject("templateDb")}`);
    handle.url = withDatabase(server, name);
    handle.db = createDb(handle.url);
  });
  afterAll(async () => {
    await handle.db?.$disconnect();
    await adminQuery(inject("pgServerUrl"), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return handle;
}

/** An empty database (no migrations), for migration tests. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = inject("pgServerUrl");
  const name = `kanal_e_${randomBytes(6).toString("hex")}`;
  await adminQuery(server, `CREATE DATABASE ${name}`);
  return {
    url: withDatabase(server, name),
    drop: () => adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
