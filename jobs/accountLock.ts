import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";

/**
 * One collection per account at a time, across CLI runs, workers and instances: a PostgreSQL
 * advisory lock (class COLLECT_LOCK_CLASS, key hashtext(account id)) held by the collecting
 * process's own database session. A killed process's session ends with it, so the lock is free at
 * once, and a run row still "running" whose lock nobody holds belonged to a process that died.
 */
export const COLLECT_LOCK_CLASS = 7240;
// :TRICKY: two accounts whose ids hash alike share a lock; one of them then waits for the next tick.

export type AccountLock = { release(): Promise<void> };

/** Takes the account's lock on a session of its own; null when another process holds it. */
export async function lockAccount(databaseUrl: string, accountId: string): Promise<AccountLock | null> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "kanal-collect" });
  // A lost session has lost the lock with it; the run's writes are idempotent upserts either way.
  client.on("error", () => undefined);
  await client.connect();
  const end = () => client.end().catch(() => undefined);
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      "SELECT pg_try_advisory_lock($1::int, hashtext($2::text)) AS ok",
      [COLLECT_LOCK_CLASS, accountId],
    );
    if (rows[0]?.ok) return { release: end };
  } catch (error) {
    await end();
    throw error;
  }
  await end();
  return null;
}

export type InterruptedRun = { id: string; accountId: string; startedAt: Date };

/** Closes every run left "running" by a process that died (its account's lock is free) as interrupted. */
export async function closeInterruptedRuns(db: Db): Promise<InterruptedRun[]> {
  const rows = await db.$queryRaw<{ id: string; account_id: string; started_at: Date }[]>(Prisma.sql`
    UPDATE collection_run r
    SET outcome = 'interrupted', finished_at = now(),
        error = 'interrupted: the collecting process stopped before finishing; collected again from where it stopped'
    WHERE r.outcome = 'running' AND NOT EXISTS (
      SELECT 1 FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid = ${COLLECT_LOCK_CLASS}::int::oid AND l.objid = hashtext(r.account_id::text)::oid)
    RETURNING r.id, r.account_id, r.started_at`);
  return rows.map((r) => ({ id: r.id, accountId: r.account_id, startedAt: r.started_at }));
}
