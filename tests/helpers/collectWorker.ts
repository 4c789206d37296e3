/**
 * A collection worker in a process of its own, for tests that kill it with SIGKILL mid-collection:
 * what `npm start` runs for collection (the queue, its workers, one scheduler tick), without the
 * web server. Env: DATABASE_URL, TEST_KEY.
 */
import { createDb } from "@/lib/db/client";
import { enqueueDueAccounts, startQueue, startWorkers } from "@/jobs/queue";

const url = process.env.DATABASE_URL!;
const key = process.env.TEST_KEY!;
const db = createDb(url);
const boss = await startQueue(url, (m) => console.log(m));
await startWorkers(boss, {
  db,
  databaseUrl: url,
  pseudonymisationKey: key,
  credentialsKey: key,
  timeoutMs: 5_000,
  pageSize: 10,
  backfillDays: 30,
  pollingIntervalSeconds: 0.5,
  log: (m) => console.log(m),
});
console.log(`tick: queued ${await enqueueDueAccounts(boss, db, { minutes: 60, sandboxMinutes: 60 })}`);
