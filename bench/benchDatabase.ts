import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { adminQuery, assertLocalDatabase, withDatabase } from "../tests/helpers/pgServer";

/**
 * Runs `fn` with a migrated database of its own: on DATABASE_URL's (local) server when set,
 * otherwise on an embedded PostgreSQL in a temporary folder. Drops everything afterwards.
 */
export async function withBenchDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  let server = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  let tmp: string | null = null;
  if (server) assertLocalDatabase(server);
  else {
    tmp = await mkdtemp(path.join(os.tmpdir(), "kanal-bench-pg-"));
    await chmod(tmp, 0o755);
    const embedded = await startEmbeddedPostgres({
      dataDir: tmp,
      port: 57_000 + (process.pid % 2_000),
      database: "postgres",
    });
    server = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const name = `kanal_bench_${process.pid}`;
  await adminQuery(server, `CREATE DATABASE ${name}`);
  const url = withDatabase(server, name);
  try {
    await migrate(url);
    await fn(url);
  } finally {
    await adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    if (stopEmbedded) await stopEmbedded();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}
