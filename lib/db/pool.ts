import pg from "pg";
import { shuttingDown } from "@/lib/shutdown";

// :TRICKY: Prisma cannot stream a result; exports read through a plain pg pool, one per process
// (globalThis, see lib/db/client.ts), with errors of idle connections logged, not thrown.
const holder = globalThis as unknown as { __pool?: pg.Pool };

export function pool(): pg.Pool {
  if (!holder.__pool) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the product with `npm start`");
    holder.__pool = new pg.Pool({ connectionString: url, max: 5 });
    holder.__pool.on("error", (error) => {
      if (!shuttingDown()) console.error("[db] idle connection lost:", error.message);
    });
  }
  return holder.__pool;
}

// :TRICKY: the collectors' bulk writes need COPY, which Prisma cannot do; they use a plain pg pool
// on the same database as the Prisma client they were given (createDb remembers its URL).
const clientUrls = new WeakMap<object, string>();
const pools = globalThis as unknown as { __writePools?: Map<string, pg.Pool> };

export function rememberUrl(client: object, url: string): void {
  clientUrls.set(client, url);
}

/** A pg pool on the database of `client` (a Prisma client made by createDb). */
export function poolOf(client: object): pg.Pool {
  const url = clientUrls.get(client) ?? process.env.DATABASE_URL;
  if (!url) throw new Error("no database URL known for this client");
  pools.__writePools ??= new Map();
  let p = pools.__writePools.get(url);
  if (!p) {
    p = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 5_000, allowExitOnIdle: true });
    p.on("error", () => undefined); // an idle connection dropped with its database; the next query opens another
    pools.__writePools.set(url, p);
  }
  return p;
}

/** Closes the pool of this process, if one was opened. */
export async function closePool(): Promise<void> {
  const p = holder.__pool;
  holder.__pool = undefined;
  await p?.end().catch(() => undefined);
}
