import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { createMailer } from "@/lib/mail/transport";
import { sendDueReports } from "@/lib/reports/deliver";
import { runRetention } from "./retention";
import type { ScheduledJob } from "./scheduler";
import { runSuggestInputs } from "./suggestInputs";

export type ScheduleDeps = { db: Db; config: Config; baseUrl: string; authSecret: string };

/** The whole crontab of the product, in one list. Each job is a plain function of its own. */
export function productSchedule(deps: ScheduleDeps): ScheduledJob[] {
  const mailer = createMailer(deps.config);
  return [
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
    // Replies past each agency's retention are deleted unless linked to policy work.
    { name: "retention", cron: "15 3 * * *", run: async () => void (await runRetention(deps.db)) },
    // Newly collected replies matching an agency's keyword rules are suggested as inputs.
    { name: "suggest-inputs", cron: "*/10 * * * *", run: async () => void (await runSuggestInputs(deps.db)) },
  ];
}
