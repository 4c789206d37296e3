import { redactSecrets } from "@/lib/config";
import cron, { type ScheduledTask } from "node-cron";
import type { PgBoss, Queue } from "pg-boss";

/**
 * One scheduled job: a cron expression and a plain function (callable from tests and CLIs too).
 * `queue` overrides the retry policy of the job's pg-boss queue.
 */
export type ScheduledJob = { name: string; cron: string; run: () => Promise<void>; queue?: Omit<Queue, "name"> };

export type SchedulerState = {
  state: "running" | "stopped" | "disabled";
  jobs: { name: string; cron: string; lastRunAt: string | null; lastError: string | null }[];
};

// :TRICKY: the start script and the Next.js route bundles load separate copies of this module;
// the state lives on globalThis so /api/health sees the scheduler the start script started.
const holder = globalThis as unknown as { __scheduler?: SchedulerState; __tasks?: ScheduledTask[] };

export function schedulerState(): SchedulerState {
  return holder.__scheduler ?? { state: "stopped", jobs: [] };
}

export const scheduledQueueName = (job: Pick<ScheduledJob, "name">) => `schedule-${job.name}`;

/** Default policy of a scheduled job's queue: pg-boss retries a failed run with back-off. */
const DEFAULT_QUEUE: Omit<Queue, "name"> = {
  retryLimit: 3,
  retryDelay: 30,
  retryBackoff: true,
  retryDelayMax: 900,
  expireInSeconds: 1_800,
};

/**
 * node-cron is the clock, pg-boss does the work. Every instance ticks, but a tick only *sends* a
 * job, keyed to its minute (`singletonSeconds`), so one schedule holds however many instances run;
 * the job runs on whichever instance's worker takes it, at most one at a time (queue policy
 * `singleton`), with pg-boss's own retries and back-off.
 *
 * `clock`: this instance ticks (SCHEDULER=on); `work`: this instance runs the jobs (WORKERS=on).
 */
export async function startScheduler(
  boss: PgBoss,
  jobs: ScheduledJob[],
  opts: { clock: boolean; work: boolean; timeZone?: string; log?: (message: string) => void },
): Promise<void> {
  const state: SchedulerState = { state: opts.clock ? "running" : "disabled", jobs: [] };
  holder.__scheduler = state;
  holder.__tasks = [];
  for (const job of jobs) {
    const queue = scheduledQueueName(job);
    const entry = {
      name: job.name,
      cron: job.cron,
      lastRunAt: null as string | null,
      lastError: null as string | null,
    };
    state.jobs.push(entry);
    await boss.createQueue(queue, { policy: "singleton", ...DEFAULT_QUEUE, ...job.queue });
    if (opts.work) {
      await boss.work(queue, { pollingIntervalSeconds: 5 }, async () => {
        // The process's current state (a later start replaces it): whichever worker here ran last reports.
        const shown = schedulerState().jobs.find((j) => j.name === job.name) ?? entry;
        shown.lastRunAt = new Date().toISOString();
        try {
          await job.run();
          shown.lastError = null;
        } catch (error) {
          shown.lastError = redactSecrets((error as Error).message);
          opts.log?.(`${job.name} failed: ${shown.lastError}`);
          throw error; // pg-boss retries it on the queue's back-off
        }
      });
    }
    if (opts.clock) {
      holder.__tasks.push(
        cron.schedule(
          job.cron,
          () => void tick(boss, job).catch((e: Error) => opts.log?.(`${job.name}: could not queue: ${e.message}`)),
          {
            name: job.name,
            timezone: opts.timeZone ?? "Europe/Oslo",
          },
        ),
      );
    }
  }
}

/** Queues one run of a scheduled job for the current minute; a second call in the same minute (another instance) is a no-op. */
export function tick(boss: PgBoss, job: Pick<ScheduledJob, "name">): Promise<string | null> {
  return boss.send(scheduledQueueName(job), {}, { singletonKey: job.name, singletonSeconds: 60 });
}

export async function stopScheduler(): Promise<void> {
  for (const task of holder.__tasks ?? []) await task.stop();
  holder.__tasks = [];
  if (holder.__scheduler) holder.__scheduler.state = "stopped";
}
