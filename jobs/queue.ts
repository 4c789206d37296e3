import { PgBoss } from "pg-boss";
import { redactSecrets } from "@/lib/config";
import { shuttingDown } from "@/lib/shutdown";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { REAL_BASE_URL } from "@/lib/platforms";
import { blockedUntil } from "@/lib/platforms/budget";
import { SOCIAL_PLATFORMS, type SocialPlatform } from "@/lib/platforms/types";
import { closeInterruptedRuns } from "./accountLock";
import { collectAccount, type CollectOptions } from "./collectAccount";

export const COLLECT_QUEUE = "collect-account";
/** pg-boss keeps its tables in a schema of its own, beside the product's `public`. */
export const QUEUE_SCHEMA = "pgboss";

export type CollectJob = { accountId: string; group?: string };
const HOLD_MS = 3_000;
export type Log = (message: string) => void;

export async function startQueue(url: string, log: Log = () => undefined): Promise<PgBoss> {
  // The supervisor looks for jobs whose worker stopped sending heartbeats every 10 s (default 60).
  const boss = new PgBoss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    max: 4,
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
  });
  boss.on("error", (error: Error) => {
    if (!shuttingDown()) log(`queue error: ${redactSecrets(error.message)}`);
  });
  await boss.start();
  // :TRICKY: "stately" allows one queued and one active job per singleton key, so however many
  // instances tick, an account is never queued twice nor collected by two workers at once. A job
  // whose worker died stops its heartbeat and is failed (and retried) within about 20 s, instead of
  // blocking its account until expireInSeconds.
  const settings = {
    retryLimit: 4,
    retryDelay: 30,
    retryBackoff: true,
    retryDelayMax: 1_800,
    expireInSeconds: 1_200,
    heartbeatSeconds: 10,
  };
  await boss.createQueue(COLLECT_QUEUE, { policy: "stately", ...settings });
  await boss.updateQueue(COLLECT_QUEUE, settings); // queues created by an older version get the same settings
  return boss;
}

/**
 * The budget group of an account: the API root its calls count against (and its credential, whose
 * limits are its own on most platforms). Workers lease no job of a group whose budget is spent.
 */
export function budgetGroup(account: {
  platform: string;
  baseUrl: string | null;
  credentialId: string | null;
}): string {
  const base = account.baseUrl ?? REAL_BASE_URL[account.platform as SocialPlatform] ?? "";
  return `${account.platform} ${base}${account.credentialId ? `#${account.credentialId}` : ""}`;
}

function groupBlockedUntil(group: string): Date | null {
  const [platform, rest] = [group.slice(0, group.indexOf(" ")), group.slice(group.indexOf(" ") + 1)];
  return blockedUntil(rest.split("#")[0]!, platform);
}

/** `resume`: a collection stopped by a rate limit; it is leased before new ones once its budget is back. */
export function enqueueCollection(
  boss: PgBoss,
  accountId: string,
  startAfter?: Date,
  group?: string,
  resume = false,
): Promise<string | null> {
  return boss.send(COLLECT_QUEUE, { accountId, ...(group ? { group } : {}) } satisfies CollectJob, {
    singletonKey: accountId,
    ...(startAfter ? { startAfter } : {}),
    ...(group ? { group: { id: group } } : {}),
    ...(resume ? { priority: 1 } : {}),
  });
}

/**
 * The scheduled tick: one job per active social account that is due — not collected within its
 * interval, and not waiting for a platform's rate-limit reset. Every real platform speaks https;
 * a base_url on plain http is the loopback sandbox (a real Mastodon instance has one too).
 */
export async function enqueueDueAccounts(
  boss: PgBoss,
  db: Db,
  intervals: { minutes: number; sandboxMinutes: number },
): Promise<number> {
  await recoverInterrupted(boss, db);
  // Interleaved across platforms (the nth account of each platform, then the n+1st …), so workers
  // start on every platform's budget at once instead of piling onto one.
  const due = await db.$queryRaw<
    { id: string; platform: string; base_url: string | null; credential_id: string | null }[]
  >(Prisma.sql`
    SELECT a.id, a.platform::text AS platform, a.base_url, a.credential_id FROM account a
    JOIN agency g ON g.id = a.agency_id AND g.archived_at IS NULL -- archived agencies are not collected
    WHERE a.status = 'active' AND a.platform::text = ANY(${SOCIAL_PLATFORMS}::text[])
      AND (a.next_collect_at IS NULL OR a.next_collect_at <= now())
      AND NOT EXISTS (
        SELECT 1 FROM collection_run r
        WHERE r.agency_id = a.agency_id AND r.account_id = a.id
          AND r.started_at > now() - make_interval(mins => CASE WHEN a.base_url LIKE 'http://%' THEN ${intervals.sandboxMinutes}::int ELSE ${intervals.minutes}::int END)
          AND r.outcome NOT IN ('rate_limited', 'interrupted'))
    ORDER BY row_number() OVER (PARTITION BY a.platform ORDER BY a.next_collect_at NULLS FIRST, a.id), a.platform`);
  let queued = 0;
  for (const a of due) {
    if (
      await enqueueCollection(
        boss,
        a.id,
        undefined,
        budgetGroup({ platform: a.platform, baseUrl: a.base_url, credentialId: a.credential_id }),
      )
    )
      queued++;
  }
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

/**
 * Workers: `concurrency` loops, each leasing one job at a time — never one whose budget group is
 * spent (pg-boss's ignoreGroups), so a rate-limited platform's accounts wait in the queue while the
 * workers collect the others. A loop fetches its next job as soon as one is done; only with nothing
 * leasable does it sleep, until the first spent budget comes back or `pollingIntervalSeconds`.
 * A rate limit re-queues the account at the reset time; other failures retry with backoff. The
 * lease is kept alive with pg-boss heartbeats, so a dead worker's job is failed and retried.
 */
export async function startWorkers(
  boss: PgBoss,
  opts: CollectOptions & { concurrency?: number; log?: Log; pollingIntervalSeconds?: number },
): Promise<string> {
  const log = opts.log ?? (() => undefined);
  const recovered = await recoverInterrupted(boss, opts.db);
  if (recovered)
    log(`closed ${recovered} interrupted collection${recovered === 1 ? "" : "s"}; their channels are collected again`);
  const idleMs = (opts.pollingIntervalSeconds ?? 1) * 1_000;
  const groups = new Set<string>();
  let stopped = false;
  boss.once("stopped", () => {
    stopped = true;
  });

  // The groups waiting in the queue (whoever queued them), refreshed every 2 s, so that an account
  // of a spent budget is skipped before it is leased, not after.
  let refreshed = 0;
  const refreshGroups = async () => {
    if (Date.now() - refreshed < 2_000) return;
    refreshed = Date.now();
    const rows = await opts.db
      .$queryRaw<{ group_id: string }[]>(
        Prisma.sql`
      SELECT DISTINCT group_id FROM ${Prisma.raw(`${QUEUE_SCHEMA}.job`)}
      WHERE name = ${COLLECT_QUEUE} AND state IN ('created', 'retry') AND group_id IS NOT NULL`,
      )
      .catch(() => []);
    for (const r of rows) groups.add(r.group_id);
  };
  const spent = () => {
    const now = Date.now();
    let next = now + idleMs;
    const ignore: string[] = [];
    for (const g of groups) {
      const until = groupBlockedUntil(g);
      if (until) {
        ignore.push(g);
        next = Math.min(next, until.getTime());
      }
    }
    return { ignore, wakeInMs: Math.max(20, next - now) };
  };

  const handle = async (job: { id: string; data: CollectJob; createdOn: Date }) => {
    const { accountId, group } = job.data;
    let result = await collectAccount(opts, accountId, { alreadyCollectedSince: job.createdOn });
    // A budget back within a few seconds is waited for on the same job, so the busiest platform is
    // not left idle after its reset until some worker is free; a longer wait re-queues the account.
    while (
      result.status === "done" &&
      result.outcome === "rate_limited" &&
      result.retryAt &&
      result.retryAt.getTime() - Date.now() <= HOLD_MS &&
      !stopped
    ) {
      await new Promise((r) =>
        setTimeout(
          r,
          Math.max(0, result.status === "done" && result.retryAt ? result.retryAt.getTime() - Date.now() : 0),
        ),
      );
      result = await collectAccount(opts, accountId);
    }
    if (result.status === "skipped") return;
    log(
      `${result.account}: ${result.outcome}, ${result.itemsFetched} fetched, ${result.itemsWritten} written${result.error ? ` — ${result.error}` : ""}`,
    );
    if (result.retryAt) await enqueueCollection(boss, accountId, result.retryAt, group, true);
    if (result.retryable) throw new Error(result.error ?? "collection failed");
  };

  const loop = async () => {
    while (!stopped) {
      await refreshGroups();
      const { ignore, wakeInMs } = spent();
      let job;
      try {
        [job] = await boss.fetch<CollectJob>(COLLECT_QUEUE, {
          batchSize: 1,
          includeMetadata: true,
          ignoreGroups: ignore.length ? ignore : null,
        });
      } catch (error) {
        if (stopped) return;
        log(`queue error: ${(error as Error).message}`);
      }
      if (!job) {
        await new Promise((r) => setTimeout(r, wakeInMs));
        continue;
      }
      if (job.data.group) groups.add(job.data.group);
      const heartbeat = setInterval(() => void boss.touch(COLLECT_QUEUE, job).catch(() => undefined), 4_000);
      try {
        await handle(job);
        await boss.complete(COLLECT_QUEUE, job.id);
      } catch (error) {
        await boss.fail(COLLECT_QUEUE, job.id, { message: (error as Error).message }).catch(() => undefined);
      } finally {
        clearInterval(heartbeat);
      }
    }
  };
  for (let i = 0; i < (opts.concurrency ?? 2); i++) {
    void loop().catch((error: Error) => log(`collection worker stopped: ${error.message}`));
  }
  return "collect-workers";
}
