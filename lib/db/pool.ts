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
    holder.__pool.on("error", (error) => { if (!shuttingDown()) console.error("[db] idle connection lost:", error.message); });
  }
  return holder.__pool;
}

/** Closes the pool of this process, if one was opened. */
export async function closePool(): Promise<void> {
  const p = holder.__pool;
  holder.__pool = undefined;
  await p?.end().catch(() => undefined);
}
