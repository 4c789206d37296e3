import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const ADMIN = { email: "admin@demo.kanalmaaling.test", password: "e2e-demo-passord-2026" };
/** Created through the members page by auth.setup.ts: a viewer of Oslo politidistrikt only. */
export const OSLO_VIEWER = { email: "leser@oslo.test", password: "e2e-leser-passord-2026", name: "Leser Oslo" };
export const STATE = { admin: ".tmp/e2e-admin.json", osloViewer: ".tmp/e2e-oslo-viewer.json" };

export function runInfoFile(port = E2E_PORT): string {
  return path.resolve(".tmp", `e2e-${port}.json`);
}

/** A direct connection to the database the app under test uses (for moving clocks and checks). */
export async function withAppDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const { databaseUrl } = JSON.parse(readFileSync(runInfoFile(), "utf8")) as { databaseUrl: string };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
