import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { createMailer } from "@/lib/mail/transport";
import { sendDueReports } from "@/lib/reports/deliver";
import { refreshDueCredentials } from "@/lib/platforms/tokens";
import { runRetention } from "./retention";
import type { ScheduledJob } from "./scheduler";
import { runSuggestInputs } from "./suggestInputs";

export type ScheduleDeps = {
  db: Db;
  config: Config;
  baseUrl: string;
  authSecret: string;
  /** Enqueues one collection job per due account (jobs/queue.ts enqueueDueAccounts); absent without a queue. */
  enqueueDueCollections?: () => Promise<unknown>;
};

/**
 * The whole crontab of the product, in one list. Each job is a plain function of its own. The
 * collection tick runs every minute; each account's own interval (several times a day for real
 * platforms, minutes for the sandbox) and its rate-limit reset decide whether it is due.
 */
export function productSchedule(deps: ScheduleDeps): ScheduledJob[] {
  const mailer = createMailer(deps.config);
  const collect = deps.enqueueDueCollections;
  return [
    ...(collect ? [{ name: "collect-due-accounts", cron: "* * * * *", run: async () => void (await collect()) }] : []),
    {
      // Reports are due Monday 08:00 in each agency's own time zone; checking every quarter of an
      // hour sends them within 15 minutes of that, and retries failed ones on their backoff.
      name: "weekly-reports",
      cron: "*/15 * * * *",
      run: async () => {
        const result = await sendDueReports({ db: deps.db, mailer, baseUrl: deps.baseUrl, secret: deps.authSecret });
        if (result.sent || result.failed) console.log(`[reports] sent ${result.sent}, failed ${result.failed}, skipped ${result.skipped}`);
      },
    },
    // Access tokens ending within 10 minutes are refreshed; a dead grant marks its channel for reconnection.
    {
      name: "refresh-tokens",
      cron: "* * * * *",
      run: async () => {
        const r = await refreshDueCredentials(deps.db, { log: (m) => console.log(`[tokens] ${m}`) });
        if (r.refreshed || r.needsReconnect || r.failed) console.log(`[tokens] refreshed ${r.refreshed}, needs reconnect ${r.needsReconnect}, failed ${r.failed}`);
      },
    },
    // Replies past each agency's retention are deleted unless linked to policy work.
    { name: "retention", cron: "15 3 * * *", run: async () => void (await runRetention(deps.db)) },
    // Newly collected replies matching an agency's keyword rules are suggested as inputs.
    { name: "suggest-inputs", cron: "*/10 * * * *", run: async () => void (await runSuggestInputs(deps.db)) },
  ];
}
