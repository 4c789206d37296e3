import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgBoss } from "pg-boss";
import { QUEUE_SCHEMA } from "@/jobs/queue";
import { schedulerState, startScheduler, stopScheduler, tick } from "@/jobs/scheduler";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
let instances: PgBoss[] = [];

async function until(check: () => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  instances = [
    new PgBoss({ connectionString: t.url, schema: QUEUE_SCHEMA }),
    new PgBoss({ connectionString: t.url, schema: QUEUE_SCHEMA }),
  ];
  for (const boss of instances) await boss.start();
});

afterAll(async () => {
  await stopScheduler();
  for (const boss of instances) await boss.stop({ graceful: false });
});

describe("the schedule across instances", () => {
  it("runs a job once when two instances tick in the same minute, and retries a failed run through the queue", async () => {
    let runs = 0;
    let failuresLeft = 1;
    const job = {
      name: "count",
      cron: "* * * * *",
      queue: { retryLimit: 2, retryDelay: 1 },
      run: async () => {
        runs++;
        if (failuresLeft-- > 0) throw new Error("first run fails");
      },
    };
    // Both instances work the queue; neither runs a clock here, the test ticks for them.
    for (const boss of instances) await startScheduler(boss, [job], { clock: false, work: true });
    const sent = await Promise.all(instances.map((boss) => tick(boss, job)));
    expect(sent.filter(Boolean)).toHaveLength(1);
    await until(() => runs === 2);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(runs).toBe(2); // one run that failed, one retry by pg-boss — never a second run for the second tick
    expect(schedulerState().jobs.find((j) => j.name === "count")?.lastError).toBeNull();
  });
});
