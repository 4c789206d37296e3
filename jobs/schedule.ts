import type { ScheduledJob } from "./scheduler";

/**
 * The whole crontab of the product, in one list. Collection jobs arrive with the collectors;
 * until then the scheduler runs with no jobs and /api/health says so.
 */
export function productSchedule(): ScheduledJob[] {
  return [];
}
