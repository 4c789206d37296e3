/**
 * Row `collect_queue_vs_limit`: collection through the product's own queue (jobs/queue.ts:
 * pg-boss, its workers, the scheduled tick's enqueueDueAccounts) against the fake platforms with a
 * latency on every call and a rate limit per platform, versus the most the rate limits allow.
 * What one account costs in calls is calibrated first by collecting a few accounts without limits.
 */
import { collectAccount, type CollectOptions } from "@/jobs/collectAccount";
import { enqueueDueAccounts, startQueue, startWorkers } from "@/jobs/queue";
import type { Db } from "@/lib/db/client";
import { configureLimits, resetBudgets } from "@/lib/platforms/budget";
import { SOCIAL_PLATFORMS, type SocialPlatform } from "@/lib/platforms/types";
import { startSandbox } from "@/lib/sandbox/server";
import { testAccount } from "@/lib/sandbox/world";
import { log, round, type Result } from "./common";

const PER_PLATFORM = Number(process.env.BENCH_COLLECT_ACCOUNTS ?? 10);
const LATENCY_MS = Number(process.env.BENCH_COLLECT_LATENCY_MS ?? 40);
const LIMIT = { limit: Number(process.env.BENCH_COLLECT_LIMIT ?? 60), windowMs: 5_000 };
const WORKERS = Number(process.env.BENCH_COLLECT_WORKERS ?? 4);
const KEY = "2e".repeat(32);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// :TRICKY: Facebook's usage headers carry no reset time, so its connector backs off 60 s, then an
// hour; with a hard limit in a short benchmark it would only measure that back-off.
const PLATFORMS = SOCIAL_PLATFORMS.filter((p) => p !== "facebook");

async function world(db: Db, tag: string, handles: string[], opts: { rateLimit?: typeof LIMIT; latencyMs: number }) {
  const accounts = PLATFORMS.flatMap((p) =>
    handles.map((h) => testAccount(p, `${h}_${p}`, { posts: 25, repliesPerPost: 2 })),
  );
  const sandbox = await startSandbox({
    host: "127.0.0.1",
    port: 0,
    maxPageSize: 10,
    world: { accounts },
    rateLimit: opts.rateLimit ?? { limit: 1_000_000, windowMs: 60_000 },
  });
  if (opts.latencyMs > 0)
    for (const platform of PLATFORMS)
      sandbox.fault({ platform, kind: "slow", delayMs: opts.latencyMs, times: Infinity });
  const agency = await db.agency.create({ data: { slug: `innsamling-${tag}`, name: `Innsamling ${tag}` } });
  const ids: string[] = [];
  for (const platform of PLATFORMS as SocialPlatform[]) {
    for (const h of handles) {
      const handle = `${h}_${platform}`;
      ids.push(
        (
          await db.account.create({
            data: { agencyId: agency.id, platform, handle, displayName: handle, baseUrl: sandbox.baseUrl(platform) },
          })
        ).id,
      );
    }
  }
  return { sandbox, ids, agencyId: agency.id };
}

/** Calls the sandbox refused: its fixed windows (from a window's first call) replayed over the calls' arrival times. */
function refusals(requests: { platform: string; at: number }[], limit: typeof LIMIT): number {
  const windows = new Map<string, { start: number; count: number }>();
  let refused = 0;
  for (const r of requests) {
    const w = windows.get(r.platform);
    const win = w && r.at - w.start < limit.windowMs ? w : { start: r.at, count: 0 };
    windows.set(r.platform, win);
    if (win.count >= limit.limit) refused++;
    else win.count++;
  }
  return refused;
}

export async function collectRow(db: Db, url: string): Promise<Result[]> {
  resetBudgets();
  const options: CollectOptions = {
    db,
    databaseUrl: url,
    pseudonymisationKey: KEY,
    credentialsKey: KEY,
    timeoutMs: 10_000,
    pageSize: 10,
    backfillDays: 30,
  };
  const calibration = await world(db, "kalibrering", ["kalibrering"], { latencyMs: 0 });
  for (const id of calibration.ids) await collectAccount(options, id);
  const callsPerAccount = calibration.sandbox.requests.length / calibration.ids.length;
  const callsOn = new Map<string, number>();
  for (const r of calibration.sandbox.requests) callsOn.set(r.platform, (callsOn.get(r.platform) ?? 0) + 1);
  await calibration.sandbox.close();
  await db.account.updateMany({ where: { agencyId: calibration.agencyId }, data: { status: "paused" } });

  resetBudgets();
  // YouTube's and Flickr's answers carry no budget: an installation configures the limits its keys
  // have (PLATFORM_RATE_LIMITS), as here the sandbox's.
  configureLimits(["youtube", "flickr"].map((platform) => ({ platform, ...LIMIT })));
  const handles = Array.from({ length: PER_PLATFORM }, (_, i) => `konto${i}`);
  const measured = await world(db, "maaling", handles, { rateLimit: LIMIT, latencyMs: LATENCY_MS });
  const boss = await startQueue(url);
  try {
    await startWorkers(boss, { ...options, concurrency: WORKERS });
    const start = Date.now();
    await enqueueDueAccounts(boss, db, { minutes: 600, sandboxMinutes: 600 });
    const deadline = Date.now() + 240_000;
    let done = 0;
    while (Date.now() < deadline) {
      done = await db.account.count({ where: { agencyId: measured.agencyId, lastSuccessAt: { not: null } } });
      if (done === measured.ids.length) break;
      await sleep(100);
    }
    const lastDone = await db.account.aggregate({
      where: { agencyId: measured.agencyId },
      _max: { lastSuccessAt: true },
    });
    const elapsed = ((lastDone._max.lastSuccessAt?.getTime() ?? Date.now()) - start) / 1000;
    const runs = await db.collectionRun.groupBy({
      by: ["outcome"],
      where: { agencyId: measured.agencyId },
      _count: true,
    });
    const requests = measured.sandbox.requests;
    const refused = refusals(requests, LIMIT);
    if (process.env.BENCH_DEBUG) {
      const detail = await db.$queryRawUnsafe<
        { platform: string; outcome: string; n: number; last: number; err: string | null }[]
      >(
        `
        SELECT a.platform::text AS platform, r.outcome::text AS outcome, count(*)::int AS n,
               round(extract(epoch FROM max(r.finished_at)) * 1000 - ${start})::int AS last, min(r.error) AS err
        FROM collection_run r JOIN account a ON a.id = r.account_id WHERE r.agency_id = $1::uuid GROUP BY 1, 2 ORDER BY 1, 2`,
        measured.agencyId,
      );
      for (const d of detail)
        log(
          `   ${d.platform} ${d.outcome}: ${d.n} runs, last finished at ${(d.last / 1000).toFixed(1)} s ${d.err ?? ""}`,
        );
      const by = new Map<string, number>();
      for (const r of requests) by.set(r.platform, (by.get(r.platform) ?? 0) + 1);
      log(`   calls per platform: ${[...by].map(([p, n]) => `${p} ${n}`).join(", ")}`);
      for (const platform of PLATFORMS) {
        const perSecond = new Array<number>(Math.ceil(elapsed) + 1).fill(0);
        for (const r of requests)
          if (r.platform === platform) perSecond[Math.max(0, Math.floor((r.at - start) / 1000))]! += 1;
        log(`   ${platform.padEnd(9)} calls per second: ${perSecond.join(" ")}`);
      }
    }
    const perMinute = (done / elapsed) * 60;
    // Platforms are limited separately and run in parallel: the busiest one (most calls per account)
    // sets the shortest time the limits allow. Their windows are fixed (they start at a window's first
    // call), so C calls need at least ceil(C / limit) − 1 whole windows before the last one.
    const busiest = Math.max(...callsOn.values());
    const calls = busiest * PER_PLATFORM;
    const shortestSeconds = Math.max(1, Math.ceil(calls / LIMIT.limit) - 1) * (LIMIT.windowMs / 1000);
    const rateBound = (measured.ids.length / shortestSeconds) * 60;
    log(
      `\ncollection through the queue: ${done}/${measured.ids.length} accounts (${PER_PLATFORM} per platform on ${PLATFORMS.join(", ")}; first collection: 25 posts, 50 replies each) in ${elapsed.toFixed(1)} s`,
    );
    log(
      `   ${WORKERS} workers, ${LATENCY_MS} ms latency per call, ${LIMIT.limit} calls / ${LIMIT.windowMs / 1000} s per platform; ${callsPerAccount.toFixed(1)} calls per account (calibrated without limits: ${[...callsOn].map(([p, n]) => `${p} ${n}`).join(", ")})`,
    );
    log(
      `   ${requests.length} calls made, ${refused} refused by the platforms (429); runs: ${runs.map((r) => `${r._count} ${r.outcome}`).join(", ")}`,
    );
    log(
      `   ${perMinute.toFixed(0)} accounts/min measured; the rate limits allow ${rateBound.toFixed(0)} (the busiest platform's ${calls} calls need ${shortestSeconds.toFixed(0)} s of ${LIMIT.windowMs / 1000} s windows)`,
    );
    return [
      {
        name: "collect_queue_vs_limit",
        value: round(perMinute / rateBound),
        goal: "≥ 0.9",
        note: `accounts/min through pg-boss with ${WORKERS} workers ÷ what the rate limits allow`,
      },
    ];
  } finally {
    await boss.stop({ graceful: false, timeout: 2_000 }).catch(() => undefined);
    await measured.sandbox.close();
    await db.account.updateMany({ where: { agencyId: measured.agencyId }, data: { status: "paused" } });
  }
}
