import { redactSecrets } from "@/lib/config";
import cron, { type ScheduledTask } from "node-cron";

/** One scheduled job: a cron expression and a plain function (callable from tests and CLIs too). */
export type ScheduledJob = { name: string; cron: string; run: () => Promise<void> };

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

export function startScheduler(jobs: ScheduledJob[], opts: { enabled: boolean; timeZone?: string }): void {
  if (!opts.enabled) {
    holder.__scheduler = { state: "disabled", jobs: jobs.map((j) => ({ name: j.name, cron: j.cron, lastRunAt: null, lastError: null })) };
    return;
  }
  const state: SchedulerState = { state: "running", jobs: [] };
  holder.__tasks = jobs.map((job) => {
    const entry = { name: job.name, cron: job.cron, lastRunAt: null as string | null, lastError: null as string | null };
    state.jobs.push(entry);
    return cron.schedule(
      job.cron,
      async () => {
        entry.lastRunAt = new Date().toISOString();
        try {
          await job.run();
          entry.lastError = null;
        } catch (error) {
          entry.lastError = redactSecrets((error as Error).message);
          console.error(`[scheduler] ${job.name} failed: ${entry.lastError}`);
        }
      },
      { name: job.name, timezone: opts.timeZone ?? "Europe/Oslo", noOverlap: true },
    );
  });
  holder.__scheduler = state;
}

export async function stopScheduler(): Promise<void> {
  for (const task of holder.__tasks ?? []) await task.stop();
  holder.__tasks = [];
  if (holder.__scheduler) holder.__scheduler.state = "stopped";
}
