import pg from "pg";
import { redactSecrets, runtimeConfig } from "@/lib/config";
import { shuttingDown } from "@/lib/shutdown";

// :TRICKY: one pg pool per database in this process, shared by the Prisma client (lib/db/client.ts
// builds it on this pool), better-auth, streamed exports (Prisma cannot stream) and the collectors'
// bulk writes (COPY, which Prisma cannot do). Next.js bundles route handlers separately from the start
// script, so module-level state would exist once per bundle: globalThis holds the pools.
const holder = globalThis as unknown as {
  __kanalPools?: Map<string, pg.Pool>;
  __kanalClientUrls?: WeakMap<object, string>;
};

/** The pool of this process on the database at `url`, opened on first use (again after it was closed). */
export function poolFor(url: string): pg.Pool {
  const pools = (holder.__kanalPools ??= new Map());
  let p = pools.get(url);
  if (!p || p.ending || p.ended) {
    p = new pg.Pool({
      connectionString: url,
      // As many as the three pools this one replaced had together (Prisma 10, exports 5, bulk writes 4).
      max: 20,
      connectionTimeoutMillis: 5_000,
      // Scripts and tests may finish without closing it.
      allowExitOnIdle: true,
      // The metric engine's statement sorts and hashes every daily row of a range: at PostgreSQL's default
      // work_mem (4 MB) a year's compare of 200 channels spills to disk and takes ~1.5× as long.
      // :TRICKY: no JIT either: a national compare's estimated cost passes jit_above_cost, and compiling the
      // expressions takes longer than running the statement.
      options: "-c work_mem=32MB -c jit=off",
    });
    // An idle connection dropped: never thrown, the next query opens another. Logged unless PostgreSQL
    // ended it on purpose (57P01: its database dropped, as tests do, or the server stopping — its own log says so).
    p.on("error", (error: Error & { code?: string }) => {
      if (!shuttingDown() && error.code !== "57P01")
        console.error("[db] idle connection lost:", redactSecrets(error.message));
    });
    pools.set(url, p);
  }
  return p;
}

/** The pool of this process's database (DATABASE_URL, or the embedded database `npm start` started). */
export function pool(): pg.Pool {
  const url = runtimeConfig().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the product with `npm start`");
  return poolFor(url);
}

export function rememberUrl(client: object, url: string): void {
  (holder.__kanalClientUrls ??= new WeakMap()).set(client, url);
}

/** The pool of the database a Prisma client made by createDb runs on: the very pool the client uses. */
export function poolOf(client: object): pg.Pool {
  const url = holder.__kanalClientUrls?.get(client);
  if (!url) throw new Error("no database known for this client: make it with createDb");
  return poolFor(url);
}

/** Closes every pool of this process (on shutdown). */
export async function closePool(): Promise<void> {
  const pools = [...(holder.__kanalPools?.values() ?? [])];
  holder.__kanalPools?.clear();
  await Promise.all(pools.map((p) => (p.ending ? undefined : p.end().catch(() => undefined))));
}
