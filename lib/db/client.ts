import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { runtimeConfig } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { poolFor, rememberUrl } from "./pool";

export type Db = PrismaClient;

// :TRICKY: one client per database and process, on that database's one pg pool (lib/db/pool.ts), kept
// on globalThis because Next.js bundles route handlers separately from the start script.
const holder = globalThis as unknown as { __kanalDbs?: Map<string, { db: Db; pool: pg.Pool }> };

/**
 * The Prisma client of this process on the database at `url`, made on first use and built on the pool
 * that exports and bulk writes use too. `$disconnect()` closes that pool; the next call opens both again.
 */
export function createDb(url: string): Db {
  const dbs = (holder.__kanalDbs ??= new Map());
  const pool = poolFor(url);
  const known = dbs.get(url);
  if (known?.pool === pool) return known.db;
  // disposeExternalPool: `$disconnect()` ends the pool, so scripts and tests that close their client exit.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  rememberUrl(client, url);
  dbs.set(url, { db: client, pool });
  return client;
}

/** The client of this process's database (DATABASE_URL, or the embedded database `npm start` started). */
export function db(): Db {
  const url = runtimeConfig().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the product with `npm start`");
  return createDb(url);
}
