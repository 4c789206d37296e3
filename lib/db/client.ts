import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { rememberUrl } from "./pool";

export type Db = PrismaClient;

export function createDb(connectionString: string): Db {
  // The metric engine's statement sorts and hashes every daily row of a range: at PostgreSQL's default
  // work_mem (4 MB) a year's compare of 200 channels spills to disk and takes ~1.5× as long.
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: 10, connectionTimeoutMillis: 5_000, options: "-c work_mem=32MB" }),
  });
  rememberUrl(client, connectionString);
  return client;
}

// :TRICKY: Next.js bundles route handlers separately from the start script, so a module-level
// singleton would exist once per bundle. globalThis holds the one client of this process.
const holder = globalThis as unknown as { __db?: Db };

/** The process-wide client for DATABASE_URL (set by scripts/start.ts for the embedded default). */
export function db(): Db {
  if (!holder.__db) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the product with `npm start`");
    holder.__db = createDb(url);
  }
  return holder.__db;
}
