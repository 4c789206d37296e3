import type { PgBoss } from "pg-boss";
import type { Db } from "@/lib/db/client";
import { checkAndQueueAlerts } from "./checkAlerts";
import { queueDueReports } from "./reports";
import { refreshDueCredentials } from "@/lib/platforms/tokens";
import { runRetention } from "./retention";
import type { ScheduledJob } from "./scheduler";
import { runSuggestInputs } from "./suggestInputs";

export type ScheduleDeps = {
  db: Db;
  boss: PgBoss;
  /** Enqueues one collection job per due account (jobs/queue.ts enqueueDueAccounts). */
  enqueueDueCollections: () => Promise<unknown>;
  log?: (message: string) => void;
};

/**
 * The whole crontab of the product, in one list (jobs/scheduler.ts runs it through the queue). Each
 * job is a plain function of its own. The collection tick runs every minute; each account's own
 * interval (several times a day for real platforms, minutes for the sandbox) and its rate-limit
 * reset decide whether it is due.
 */
export function productSchedule(deps: ScheduleDeps): ScheduledJob[] {
  return [
    { name: "collect-due-accounts", cron: "* * * * *", run: async () => void (await deps.enqueueDueCollections()) },
    {
      // Reports are due Monday 08:00 in each agency's own time zone; checking every quarter of an
      // hour queues them within 15 minutes of that (jobs/reports.ts sends and retries them).
      name: "weekly-reports",
      cron: "*/15 * * * *",
      run: async () => {
        const queued = await queueDueReports(deps.boss, { db: deps.db });
        if (queued) deps.log?.(`[reports] queued ${queued} report${queued === 1 ? "" : "s"}`);
      },
    },
    // Access tokens ending within 10 minutes are refreshed; a dead grant marks its channel for reconnection.
    {
      name: "refresh-tokens",
      cron: "* * * * *",
      run: async () => {
        const r = await refreshDueCredentials(deps.db, { log: (m) => deps.log?.(`[tokens] ${m}`) });
        if (r.refreshed || r.needsReconnect || r.failed)
          deps.log?.(`[tokens] refreshed ${r.refreshed}, needs reconnect ${r.needsReconnect}, failed ${r.failed}`);
      },
    },
    // Replies past each agency's retention are deleted unless linked to policy work.
    { name: "retention", cron: "15 3 * * *", run: async () => void (await runRetention(deps.db)) },
    // Newly collected replies matching an agency's keyword rules are suggested as inputs.
    { name: "suggest-inputs", cron: "*/10 * * * *", run: async () => void (await runSuggestInputs(deps.db)) },
    // Alerts (jobs/checkAlerts.ts): detect, store each once, queue one e-mail per subscriber.
    {
      name: "check-alerts",
      cron: "*/10 * * * *",
      run: async () => {
        const { raised, queued } = await checkAndQueueAlerts(deps.boss, deps.db);
        if (raised.length || queued)
          deps.log?.(`[alerts] raised ${raised.length}, queued ${queued} e-mail${queued === 1 ? "" : "s"}`);
      },
    },
  ];
}
