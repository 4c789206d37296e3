import { PgBoss } from "pg-boss";
import { redactSecrets } from "@/lib/config";
import { shuttingDown } from "@/lib/shutdown";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { REAL_BASE_URL } from "@/lib/platforms";
import { blockedUntil, withBudgetPolicy, type BudgetPolicy } from "@/lib/platforms/budget";
import { SOCIAL_PLATFORMS, type SocialPlatform } from "@/lib/platforms/types";
import { closeInterruptedRuns } from "./accountLock";
import { collectAccount, type CollectOptions } from "./collectAccount";

export const COLLECT_QUEUE = "collect-account";
/** pg-boss keeps its tables in a schema of its own, beside the product's `public`. */
export const QUEUE_SCHEMA = "pgboss";

export type CollectJob = { accountId: string; group?: string };
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

// Workers of this process asleep with nothing to lease: a job queued here wakes them at once (jobs
// queued by another instance are found at the next poll).
const sleepers = new Set<() => void>();
const wakeWorkers = () => {
  for (const wake of sleepers) wake();
  sleepers.clear();
};

/** `resume`: a collection stopped by a rate limit; it is leased before new ones once its budget is back. */
export async function enqueueCollection(
  boss: PgBoss,
  accountId: string,
  startAfter?: Date,
  group?: string,
  resume = false,
): Promise<string | null> {
  const id = await boss.send(COLLECT_QUEUE, { accountId, ...(group ? { group } : {}) } satisfies CollectJob, {
    singletonKey: accountId,
    ...(startAfter ? { startAfter } : {}),
    ...(group ? { group: { id: group } } : {}),
    ...(resume ? { priority: 1 } : {}),
  });
  if (id && !startAfter) wakeWorkers();
  return id;
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

/** Any worker waits in place for a token back within this, rather than stopping its collection. */
const SHORT_WAIT_MS = 250;
/** A lane's worker waits in place for its budget's tokens back within this (a platform's short window). */
const LANE_WAIT_MS = 10_000;

/**
 * Workers: `concurrency` loops, each leasing one job at a time — never one whose budget group is
 * spent (pg-boss's ignoreGroups), so a rate-limited platform's accounts wait in the queue while the
 * workers collect the others. A loop fetches its next job as soon as one is done; only with nothing
 * leasable does it sleep, until the first spent budget comes back or `pollingIntervalSeconds`.
 * With two workers or more, all but the last keep a lane: each keeps to the busiest budget no other
 * lane has (the most calls still to make: accounts waiting × calls per account so far), leases that
 * group's accounts even while its budget is spent for a moment and waits for each token as it comes
 * back — so the budgets that set the end of the collection are never left unused for want of a free
 * worker. The last worker collects every other group (and the other workers leave the lanes' groups
 * to them).
 * A call waits in place for a token back within moments (lib/platforms/budget.ts `acquire`);
 * otherwise the collection stops as rate-limited and the account is re-queued at the reset time;
 * other failures retry with backoff. The lease is kept alive with pg-boss heartbeats, so a dead
 * worker's job is failed and retried.
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
  const concurrency = opts.concurrency ?? 2;
  const groups = new Set<string>();
  let stopped = false;
  boss.once("stopped", () => {
    stopped = true;
  });

  // Per budget group: the accounts queued or being collected (whoever queued them), refreshed every
  // second, so that an account of a spent budget is skipped before it is leased, not after.
  let waiting = new Map<string, number>();
  let refreshed = 0;
  const refreshGroups = async () => {
    if (Date.now() - refreshed < 1_000) return;
    refreshed = Date.now();
    const rows = await opts.db
      .$queryRaw<{ group_id: string; n: number }[]>(
        Prisma.sql`
      SELECT group_id, count(DISTINCT singleton_key)::int AS n FROM ${Prisma.raw(`${QUEUE_SCHEMA}.job`)}
      WHERE name = ${COLLECT_QUEUE} AND state IN ('created', 'retry', 'active') AND group_id IS NOT NULL
      GROUP BY group_id`,
      )
      .catch(() => null);
    if (!rows) return;
    waiting = new Map(rows.map((r) => [r.group_id, r.n]));
    for (const r of rows) groups.add(r.group_id);
  };
  const blocked = () => {
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

  // Calls per collection, per group, learnt from this process's finished collections (with the
  // calls of their stopped runs), and the calls of accounts still unfinished.
  const cost = new Map<string, { calls: number; accounts: number }>();
  const callsSoFar = new Map<string, number>();
  const callsPerAccount = (group: string) => {
    const c = cost.get(group);
    if (c) return c.calls / c.accounts;
    const known = [...cost.values()];
    return known.length ? known.reduce((sum, k) => sum + k.calls / k.accounts, 0) / known.length : 1;
  };
  const busiest = (taken: Set<string>) => {
    let best: string | null = null;
    let most = 0;
    for (const [g, n] of waiting) {
      if (taken.has(g)) continue;
      const work = n * callsPerAccount(g);
      if (work > most || (work === most && best !== null && g < best)) [best, most] = [g, work];
    }
    return best;
  };
  /** The group each lane worker collects now; the other workers leave these to them. */
  const lanes = new Map<number, string>();

  const lease = async (ignore: string[]) => {
    const [job] = await boss.fetch<CollectJob>(COLLECT_QUEUE, {
      batchSize: 1,
      includeMetadata: true,
      ignoreGroups: ignore.length ? ignore : null,
    });
    return job ?? null;
  };

  const handle = async (job: { id: string; data: CollectJob; createdOn: Date }, inLane: boolean) => {
    const { accountId, group } = job.data;
    const policy: BudgetPolicy = {
      calls: 0,
      wait: (_platform, readyAt) => !stopped && readyAt - Date.now() <= (inLane ? LANE_WAIT_MS : SHORT_WAIT_MS),
    };
    const result = await withBudgetPolicy(policy, () =>
      collectAccount(opts, accountId, { alreadyCollectedSince: job.createdOn }),
    );
    const calls = (callsSoFar.get(accountId) ?? 0) + policy.calls;
    callsSoFar.set(accountId, calls);
    if (result.status === "skipped") return;
    if (group && (result.outcome === "success" || result.outcome === "partial")) {
      const c = cost.get(group) ?? { calls: 0, accounts: 0 };
      cost.set(group, { calls: c.calls + calls, accounts: c.accounts + 1 });
    }
    if (result.outcome !== "rate_limited") callsSoFar.delete(accountId);
    log(
      `${result.account}: ${result.outcome}, ${result.itemsFetched} fetched, ${result.itemsWritten} written${result.error ? ` — ${result.error}` : ""}`,
    );
    if (result.retryAt) await enqueueCollection(boss, accountId, result.retryAt, group, true);
    if (result.retryable) throw new Error(result.error ?? "collection failed");
  };

  const loop = async (worker: number, laneWorker: boolean) => {
    while (!stopped) {
      await refreshGroups();
      const { ignore, wakeInMs } = blocked();
      let job = null;
      let inLane = false;
      try {
        if (laneWorker) {
          // The busiest group no other lane keeps: its next account, even while its budget is spent for a moment.
          lanes.delete(worker);
          const g = busiest(new Set(lanes.values()));
          const until = g ? groupBlockedUntil(g) : null;
          if (g && (!until || until.getTime() - Date.now() <= LANE_WAIT_MS)) {
            lanes.set(worker, g);
            job = await lease([...groups].filter((x) => x !== g));
            inLane = job?.data.group === g;
            if (!inLane) lanes.delete(worker);
          }
        }
        job ??= await lease([...ignore, ...[...lanes].filter(([w]) => w !== worker).map(([, g]) => g)]);
      } catch (error) {
        if (stopped) return;
        log(`queue error: ${(error as Error).message}`);
      }
      if (!job) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            sleepers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, wakeInMs);
          sleepers.add(wake);
        });
        continue;
      }
      if (job.data.group) groups.add(job.data.group);
      const leased = job;
      const heartbeat = setInterval(() => void boss.touch(COLLECT_QUEUE, leased).catch(() => undefined), 4_000);
      try {
        await handle(leased, inLane);
        await boss.complete(COLLECT_QUEUE, leased.id);
      } catch (error) {
        await boss.fail(COLLECT_QUEUE, leased.id, { message: (error as Error).message }).catch(() => undefined);
      } finally {
        clearInterval(heartbeat);
      }
    }
  };
  // All workers but one keep a lane; the last collects every other group.
  for (let i = 0; i < concurrency; i++) {
    void loop(i, i < concurrency - 1).catch((error: Error) => log(`collection worker stopped: ${error.message}`));
  }
  return "collect-workers";
}
