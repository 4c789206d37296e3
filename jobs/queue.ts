import { PgBoss } from "pg-boss";
import { shuttingDown } from "@/lib/shutdown";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { SOCIAL_PLATFORMS } from "@/lib/platforms/types";
import { closeInterruptedRuns } from "./accountLock";
import { collectAccount, type CollectOptions } from "./collectAccount";

export const COLLECT_QUEUE = "collect-account";
/** pg-boss keeps its tables in a schema of its own, beside the product's `public`. */
export const QUEUE_SCHEMA = "pgboss";

export type CollectJob = { accountId: string };
export type Log = (message: string) => void;

export async function startQueue(url: string, log: Log = () => undefined): Promise<PgBoss> {
  // The supervisor looks for jobs whose worker stopped sending heartbeats every 10 s (default 60).
  const boss = new PgBoss({ connectionString: url, schema: QUEUE_SCHEMA, max: 4, superviseIntervalSeconds: 10, monitorIntervalSeconds: 10 });
  boss.on("error", (error: Error) => { if (!shuttingDown()) log(`queue error: ${error.message}`); });
  await boss.start();
  // :TRICKY: "stately" allows one queued and one active job per singleton key, so however many
  // instances tick, an account is never queued twice nor collected by two workers at once. A job
  // whose worker died stops its heartbeat and is failed (and retried) within about 20 s, instead of
  // blocking its account until expireInSeconds.
  const settings = { retryLimit: 4, retryDelay: 30, retryBackoff: true, retryDelayMax: 1_800, expireInSeconds: 1_200, heartbeatSeconds: 10 };
  await boss.createQueue(COLLECT_QUEUE, { policy: "stately", ...settings });
  await boss.updateQueue(COLLECT_QUEUE, settings); // queues created by an older version get the same settings
  return boss;
}

export function enqueueCollection(boss: PgBoss, accountId: string, startAfter?: Date): Promise<string | null> {
  return boss.send(COLLECT_QUEUE, { accountId } satisfies CollectJob, { singletonKey: accountId, ...(startAfter ? { startAfter } : {}) });
}

/**
 * The scheduled tick: one job per active social account that is due — not collected within its
 * interval, and not waiting for a platform's rate-limit reset.
 */
export async function enqueueDueAccounts(boss: PgBoss, db: Db, intervals: { minutes: number; sandboxMinutes: number }): Promise<number> {
  await recoverInterrupted(boss, db);
  const due = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT a.id FROM account a
    JOIN agency g ON g.id = a.agency_id AND g.archived_at IS NULL -- archived agencies are not collected
    WHERE a.status = 'active' AND a.platform::text = ANY(${SOCIAL_PLATFORMS}::text[])
      AND (a.next_collect_at IS NULL OR a.next_collect_at <= now())
      AND NOT EXISTS (
        SELECT 1 FROM collection_run r
        WHERE r.agency_id = a.agency_id AND r.account_id = a.id
          AND r.started_at > now() - make_interval(mins => CASE WHEN a.base_url IS NOT NULL AND a.credential_id IS NULL THEN ${intervals.sandboxMinutes}::int ELSE ${intervals.minutes}::int END)
          AND r.outcome NOT IN ('rate_limited', 'interrupted'))`);
  let queued = 0;
  for (const { id } of due) if (await enqueueCollection(boss, id)) queued++;
  return queued;
}

/**
 * After a crash: runs left "running" by a dead process are closed as interrupted, and the queue job
 * that process held is cancelled, so the account is due again at once (at this tick) rather than
 * when the job expires. Called at worker start and at every tick, so a live instance also recovers
 * for a dead one.
 */
export async function recoverInterrupted(boss: PgBoss, db: Db): Promise<number> {
  const runs = await closeInterruptedRuns(db);
  for (const run of runs) {
    const jobs = await boss.findJobs<CollectJob>(COLLECT_QUEUE, { key: run.accountId });
    // Only jobs that started before the dead run did: a later one belongs to a live worker.
    const stale = jobs.filter((j) => j.state === "active" && j.startedOn <= run.startedAt).map((j) => j.id);
    if (stale.length) await boss.cancel(COLLECT_QUEUE, stale);
  }
  return runs.length;
}

/** Workers: each job collects one account; a rate limit re-queues it at the reset time, other failures retry with backoff. */
export async function startWorkers(boss: PgBoss, opts: CollectOptions & { concurrency?: number; log?: Log; pollingIntervalSeconds?: number }): Promise<string> {
  const log = opts.log ?? (() => undefined);
  const recovered = await recoverInterrupted(boss, opts.db);
  if (recovered) log(`closed ${recovered} interrupted collection${recovered === 1 ? "" : "s"}; their channels are collected again`);
  const options = { localConcurrency: opts.concurrency ?? 2, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, includeMetadata: true } as const;
  return boss.work<CollectJob, void, typeof options>(COLLECT_QUEUE, options, async ([job]) => {
    const accountId = job!.data.accountId;
    const result = await collectAccount(opts, accountId, { alreadyCollectedSince: job!.createdOn });
    if (result.status === "skipped") return;
    log(`${result.account}: ${result.outcome}, ${result.itemsFetched} fetched, ${result.itemsWritten} written${result.error ? ` — ${result.error}` : ""}`);
    if (result.retryAt) await enqueueCollection(boss, accountId, result.retryAt);
    if (result.retryable) throw new Error(result.error ?? "collection failed");
  });
}
