import type { ScheduledJob } from "./scheduler";

export type ScheduleDeps = {
  /** Enqueues one collection job per due account (jobs/queue.ts enqueueDueAccounts). */
  enqueueDueCollections?: () => Promise<unknown>;
};

/**
 * The whole crontab of the product, in one list. The collection tick runs every minute; each
 * account's own interval (several times a day for real platforms, minutes for the sandbox) and its
 * rate-limit reset decide whether it is due.
 */
export function productSchedule(deps: ScheduleDeps = {}): ScheduledJob[] {
  const jobs: ScheduledJob[] = [];
  if (deps.enqueueDueCollections) {
    const tick = deps.enqueueDueCollections;
    jobs.push({ name: "collect-due-accounts", cron: "* * * * *", run: async () => void (await tick()) });
  }
  return jobs;
}
