import pg from "pg";
import { poolOf } from "./pool";

const holder = globalThis as unknown as { __readPools?: Map<string, pg.Pool> };

/**
 * The metric engine's reads: a plain pg pool on the database of `client` (a Prisma client made by
 * createDb), with the same work_mem as Prisma's sessions and without JIT compilation. A statement that returns one JSON
 * document per channel is parsed once by pg; through `$queryRaw` Prisma's query compiler and its
 * conversion of every value cost more than the statement itself on a year of weekly buckets.
 */
export function readPoolOf(client: object): pg.Pool {
  const url = poolOf(client).options.connectionString!;
  holder.__readPools ??= new Map();
  let p = holder.__readPools.get(url);
  if (!p) {
    p = new pg.Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
      // :TRICKY: no JIT: a national compare's estimated cost passes jit_above_cost, and compiling
      // the expressions takes longer than running the statement.
      options: "-c work_mem=32MB -c jit=off",
    });
    p.on("error", () => undefined); // an idle connection dropped with its database; the next query opens another
    holder.__readPools.set(url, p);
  }
  return p;
}
