import { PgBoss } from "pg-boss";
import { redactSecrets } from "@/lib/config";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { SOCIAL_PLATFORMS } from "@/lib/platforms/types";
import { collectAccount, type CollectOptions } from "./collectAccount";

export const COLLECT_QUEUE = "collect-account";
/** pg-boss keeps its tables in a schema of its own, beside the product's `public`. */
export const QUEUE_SCHEMA = "pgboss";

export type CollectJob = { accountId: string };
export type Log = (message: string) => void;

export async function startQueue(url: string, log: Log = () => undefined): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, schema: QUEUE_SCHEMA, max: 4 });
  boss.on("error", (error: Error) => log(`queue error: ${redactSecrets(error.message)}`));
  await boss.start();
  // :TRICKY: "stately" allows one queued and one active job per singleton key, so however many
  // instances tick, an account is never queued twice nor collected by two workers at once.
  await boss.createQueue(COLLECT_QUEUE, { policy: "stately", retryLimit: 4, retryDelay: 30, retryBackoff: true, retryDelayMax: 1_800, expireInSeconds: 1_200 });
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
  const due = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT a.id FROM account a
    WHERE a.status = 'active' AND a.platform::text = ANY(${SOCIAL_PLATFORMS}::text[])
      AND (a.next_collect_at IS NULL OR a.next_collect_at <= now())
      AND NOT EXISTS (
        SELECT 1 FROM collection_run r
        WHERE r.agency_id = a.agency_id AND r.account_id = a.id
          AND r.started_at > now() - make_interval(mins => CASE WHEN a.base_url IS NOT NULL AND a.credential_id IS NULL THEN ${intervals.sandboxMinutes}::int ELSE ${intervals.minutes}::int END)
          AND r.outcome <> 'rate_limited')`);
  let queued = 0;
  for (const { id } of due) if (await enqueueCollection(boss, id)) queued++;
  return queued;
}

/** Workers: each job collects one account; a rate limit re-queues it at the reset time, other failures retry with backoff. */
export async function startWorkers(boss: PgBoss, opts: CollectOptions & { concurrency?: number; log?: Log; pollingIntervalSeconds?: number }): Promise<string> {
  const log = opts.log ?? (() => undefined);
  return boss.work<CollectJob>(COLLECT_QUEUE, { localConcurrency: opts.concurrency ?? 2, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async ([job]) => {
    const accountId = job!.data.accountId;
    const result = await collectAccount(opts, accountId);
    if (result.status === "skipped") return;
    log(`${result.account}: ${result.outcome}, ${result.itemsFetched} fetched, ${result.itemsWritten} written${result.error ? ` — ${result.error}` : ""}`);
    if (result.retryAt) await enqueueCollection(boss, accountId, result.retryAt);
    if (result.retryable) throw new Error(result.error ?? "collection failed");
  });
}
