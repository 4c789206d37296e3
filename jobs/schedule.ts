import { db } from "@/lib/db/client";
import { runRetention } from "./retention";
import { runSuggestInputs } from "./suggestInputs";
import type { ScheduledJob } from "./scheduler";

/**
 * The whole crontab of the product, in one list. Collection jobs arrive with the collectors;
 * until then the scheduler runs with no jobs and /api/health says so.
 */
export function productSchedule(): ScheduledJob[] {
  return [
    { name: "retention", cron: "15 3 * * *", run: async () => void (await runRetention(db())) },
    { name: "suggest-inputs", cron: "*/10 * * * *", run: async () => void (await runSuggestInputs(db())) },
  ];
}
