import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { collectAccount, type CollectOptions } from "@/jobs/collectAccount";
import { COLLECT_QUEUE, enqueueCollection, startQueue, startWorkers } from "@/jobs/queue";
import { useSandbox } from "../helpers/sandbox";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const s = useSandbox();
const KEY = "3f".repeat(32);
const opts = (): CollectOptions => ({
  db: t.db,
  databaseUrl: t.url,
  pseudonymisationKey: KEY,
  credentialsKey: KEY,
  timeoutMs: 5_000,
  pageSize: 10,
  backfillDays: 30,
});
const children: ChildProcess[] = [];
const bosses: PgBoss[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await Promise.all(bosses.map((b) => b.stop({ graceful: false })));
});

let agencies = 0;
async function account(handle: string) {
  const agency = await t.db.agency.create({ data: { slug: `krasj-${++agencies}`, name: `Krasj ${agencies}` } });
  return t.db.account.create({
    data: {
      agencyId: agency.id,
      platform: "mastodon",
      handle,
      displayName: handle,
      baseUrl: s.sandbox.baseUrl("mastodon"),
    },
  });
}

/** A worker process of its own (the queue, its workers and one scheduler tick), as `npm start` runs them. */
function startWorkerProcess(): ChildProcess {
  // node itself with tsx as a loader (not the tsx CLI, which runs the script in a grandchild that
  // a SIGKILL to its parent would leave running).
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/collectWorker.ts"], {
    env: { ...process.env, DATABASE_URL: t.url, TEST_KEY: KEY },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  child.on("exit", (code) => {
    if (code) console.error(`worker exited ${code}: ${output}`);
  });
  children.push(child);
  return child;
}

async function waitFor(what: string, check: () => Promise<boolean>, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("recovery after a crash", () => {
  it("closes a collection killed with kill -9 as interrupted after a restart and collects the channel again at once: nothing lost, nothing twice", async () => {
    const acc = await account("etat_mastodon");
    // Every platform answer takes a while, so the kill lands in the middle of the backfill.
    s.sandbox.fault({ platform: "mastodon", kind: "slow", delayMs: 150, times: Infinity });
    const first = startWorkerProcess();
    await waitFor(
      "the first page to be written",
      async () => (await t.db.post.count({ where: { accountId: acc.id } })) >= 10,
      60_000,
    );
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    expect(first.signalCode).toBe("SIGKILL");

    const [killed] = await t.db.collectionRun.findMany({ where: { accountId: acc.id } });
    expect(killed!.outcome).toBe("running");
    expect(await t.db.post.count({ where: { accountId: acc.id } })).toBeLessThan(25);

    const restartedAt = Date.now();
    startWorkerProcess();
    await waitFor(
      "a successful collection after the restart",
      async () => (await t.db.collectionRun.count({ where: { accountId: acc.id, outcome: "success" } })) === 1,
      60_000,
    );
    // Within one scheduler tick (a minute), not after the queue job's expiry.
    expect(Date.now() - restartedAt).toBeLessThan(60_000);

    const runs = await t.db.collectionRun.findMany({ where: { accountId: acc.id }, orderBy: { startedAt: "asc" } });
    expect(runs.map((r) => r.outcome)).toEqual(["interrupted", "success"]);
    expect(runs[0]!.finishedAt).not.toBeNull();
    expect(runs[0]!.error).toMatch(/interrupted/);
    expect(runs[1]!.startedAt.getTime()).toBeGreaterThanOrEqual(runs[0]!.finishedAt!.getTime());
    // Nothing lost, nothing twice.
    expect(await t.db.post.count({ where: { accountId: acc.id } })).toBe(25);
    expect(await t.db.reply.count({ where: { accountId: acc.id } })).toBe(50);
    const replies = await t.db.reply.groupBy({ by: ["platformReplyId"], where: { accountId: acc.id }, _count: true });
    expect(replies.every((g) => g._count === 1)).toBe(true);
    const after = await t.db.account.findUniqueOrThrow({ where: { id: acc.id } });
    expect(after).toMatchObject({ status: "active", backfillCursor: null, backfillDaysDone: 30 });
  }, 120_000);

  it("never collects one channel twice at the same moment", async () => {
    const acc = await account("andre_mastodon");
    s.sandbox.fault({ platform: "mastodon", kind: "slow", delayMs: 100, times: Infinity });
    const results = await Promise.all([collectAccount(opts(), acc.id), collectAccount(opts(), acc.id)]);
    expect(results.map((r) => r.status).sort()).toEqual(["done", "skipped"]);
    expect(await t.db.collectionRun.count({ where: { accountId: acc.id } })).toBe(1);
  }, 60_000);

  it("does not collect a channel again for a job a second instance queued before the first one collected it", async () => {
    const acc = await account("andre_mastodon");
    const [a, b] = await Promise.all([startQueue(t.url), startQueue(t.url)]);
    bosses.push(a, b);
    // Instance B's tick queues the channel, to start a moment later …
    const jobId = await enqueueCollection(b, acc.id, new Date(Date.now() + 1_500));
    expect(jobId).toBeTruthy();
    // … while instance A collects it.
    const before = await t.db.collectionRun.count({ where: { accountId: acc.id } });
    expect(await collectAccount(opts(), acc.id)).toMatchObject({ status: "done", outcome: "success" });
    await startWorkers(b, { ...opts(), pollingIntervalSeconds: 0.5 });
    await waitFor(
      "B's job to be settled",
      async () => (await b.findJobs(COLLECT_QUEUE, { id: jobId! }))[0]?.state === "completed",
      20_000,
    );
    expect(await t.db.collectionRun.count({ where: { accountId: acc.id } })).toBe(before + 1);
  }, 60_000);
});
