import { beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { collectAccount, type CollectOptions } from "@/jobs/collectAccount";
import { enqueueCollection, enqueueDueAccounts, startQueue, startWorkers } from "@/jobs/queue";
import { saveCredentials } from "@/lib/platforms/credentials";
import { SOCIAL_PLATFORMS, type SocialPlatform } from "@/lib/platforms/types";
import { useSandbox } from "../helpers/sandbox";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const s = useSandbox();
const KEY = "2e".repeat(32);
const opts = (): CollectOptions => ({
  db: t.db,
  databaseUrl: t.url,
  pseudonymisationKey: KEY,
  credentialsKey: KEY,
  timeoutMs: 2_000,
  pageSize: 10,
  backfillDays: 30,
});

beforeAll(async () => {
  await t.db.agency.create({ data: { slug: "testetaten", name: "Testetaten" } });
});

let agencies = 0;
/** An account on an agency of its own, so every test starts from nothing. */
async function account(platform: SocialPlatform, handle: string) {
  const agency = await t.db.agency.create({ data: { slug: `etat-${++agencies}`, name: `Etat ${agencies}` } });
  return t.db.account.create({
    data: { agencyId: agency.id, platform, handle, displayName: handle, baseUrl: s.sandbox.baseUrl(platform) },
  });
}

const done = (r: Awaited<ReturnType<typeof collectAccount>>) => {
  if (r.status !== "done") throw new Error(`skipped: ${r.reason}`);
  return r;
};

describe("collecting an account", () => {
  it.each(SOCIAL_PLATFORMS)(
    "backfills %s posts and replies through three pages and records the run",
    async (platform) => {
      const acc = await account(platform, `etat_${platform}`);
      const r = done(await collectAccount(opts(), acc.id));
      expect(r, r.error ?? "").toMatchObject({ outcome: "success" });
      expect(await t.db.post.count({ where: { accountId: acc.id } })).toBe(25);
      expect(await t.db.reply.count({ where: { accountId: acc.id } })).toBe(50);
      const after = await t.db.account.findUniqueOrThrow({ where: { id: acc.id } });
      expect(after).toMatchObject({
        backfillDaysTotal: 30,
        backfillDaysDone: 30,
        backfillCursor: null,
        status: "active",
      });
      expect(after.lastSuccessAt).not.toBeNull();
      const today = await t.db.accountDailyMetric.findFirstOrThrow({
        where: { accountId: acc.id },
        orderBy: { day: "desc" },
      });
      expect(today.followers).toBe(platform === "flickr" ? null : 5000);
      // Collecting again changes nothing but the metrics.
      done(await collectAccount(opts(), acc.id));
      expect(await t.db.post.count({ where: { accountId: acc.id } })).toBe(25);
      expect(await t.db.reply.count({ where: { accountId: acc.id } })).toBe(50);
    },
  );

  it("loses nothing and duplicates nothing when killed half-way and restarted", async () => {
    const acc = await account("mastodon", "etat_mastodon");
    const killed = await collectAccount(
      {
        ...opts(),
        afterPage: (n) => {
          if (n === 2) throw new Error("worker killed");
        },
      },
      acc.id,
    );
    expect(done(killed).outcome).toBe("failed");
    const mid = await t.db.account.findUniqueOrThrow({ where: { id: acc.id } });
    expect(mid.backfillCursor).not.toBeNull();
    expect(mid.backfillDaysDone).toBeLessThan(30);
    expect(await t.db.post.count({ where: { accountId: acc.id } })).toBe(20);
    const before = s.sandbox.requests.length;
    expect(done(await collectAccount(opts(), acc.id)).outcome).toBe("success");
    // The restart resumed at the stored page: the first two pages were not fetched again.
    const pages = s.sandbox.requests.slice(before).filter((r) => r.path.endsWith("/statuses"));
    expect(pages).toHaveLength(1);
    expect(pages[0]!.query.max_id).toBe(mid.backfillCursor);
    expect(await t.db.post.count({ where: { accountId: acc.id } })).toBe(25);
    expect(await t.db.reply.count({ where: { accountId: acc.id } })).toBe(50);
    const ids = await t.db.reply.groupBy({ by: ["platformReplyId"], where: { accountId: acc.id }, _count: true });
    expect(ids.every((g) => g._count === 1)).toBe(true);
  });

  it("marks an account whose token expired as needing reconnection, and stops collecting it", async () => {
    const acc = await account("twitter", "andre_twitter");
    s.sandbox.fault({ platform: "twitter", kind: "expired_token" });
    const r = done(await collectAccount(opts(), acc.id));
    expect(r).toMatchObject({ outcome: "failed", retryable: false });
    expect((await t.db.account.findUniqueOrThrow({ where: { id: acc.id } })).status).toBe("needs_reconnect");
    expect(await collectAccount(opts(), acc.id)).toMatchObject({ status: "skipped" });
    // Reconnecting keeps the history and makes the account active again.
    await saveCredentials(t.db, acc.id, { token: "new-token" }, KEY, { baseUrl: s.sandbox.baseUrl("twitter") });
    expect(done(await collectAccount(opts(), acc.id)).outcome).toBe("success");
    expect(await t.db.collectionRun.count({ where: { accountId: acc.id } })).toBe(2);
  });

  it("cannot save credentials without an encryption key, and says so", async () => {
    const acc = await account("bluesky", "andre_bluesky");
    await expect(saveCredentials(t.db, acc.id, { token: "x" }, undefined)).rejects.toThrow(
      /CREDENTIALS_KEY is not set/,
    );
    expect((await t.db.account.findUniqueOrThrow({ where: { id: acc.id } })).credentialId).toBeNull();
  });

  it("records a metric that disappeared as an error on the run and a gap in the series, never a zero", async () => {
    const acc = await account("bluesky", "etat_bluesky");
    s.sandbox.fault({ platform: "bluesky", kind: "retire_metric", times: Infinity });
    const r = done(await collectAccount(opts(), acc.id));
    expect(r, r.error ?? "").toMatchObject({ outcome: "partial" });
    expect(r.error).toMatch(/followersCount/);
    const run = await t.db.collectionRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run).toMatchObject({ outcome: "partial", error: expect.stringMatching(/followersCount/) });
    const row = await t.db.accountDailyMetric.findFirstOrThrow({ where: { accountId: acc.id } });
    expect(row.followers).toBeNull();
    expect(row.following).toBe(42);
  });

  it("collects a YouTube channel whose videos have comments turned off, with no replies and no failure", async () => {
    const acc = await account("youtube", "etat_youtube");
    s.sandbox.fault({ platform: "youtube", kind: "comments_disabled", times: Infinity });
    const r = done(await collectAccount(opts(), acc.id));
    expect(r, r.error ?? "").toMatchObject({ outcome: "success" });
    expect(await t.db.post.count({ where: { accountId: acc.id } })).toBe(25);
    expect(await t.db.reply.count({ where: { accountId: acc.id } })).toBe(0);
  });

  it("keeps a Facebook Page's followers when Insights rejects a retired metric, recording the break", async () => {
    const acc = await account("facebook", "etat_facebook");
    s.sandbox.fault({ platform: "facebook", kind: "retire_metric", times: Infinity });
    const r = done(await collectAccount(opts(), acc.id));
    expect(r).toMatchObject({ outcome: "partial", error: expect.stringMatching(/page_total_media_view_unique/) });
    const rows = await t.db.accountDailyMetric.findMany({ where: { accountId: acc.id }, orderBy: { day: "asc" } });
    expect(rows.at(-1)!.followers).toBe(5000);
    expect(rows.some((d) => d.impressions !== null)).toBe(true);
    expect(rows.every((d) => d.reach === null)).toBe(true);
  });

  it("marks a YouTube channel whose API key is invalid as needing reconnection, not as a failure to retry", async () => {
    const acc = await account("youtube", "andre_youtube");
    s.sandbox.fault({ platform: "youtube", kind: "expired_token" });
    expect(done(await collectAccount(opts(), acc.id))).toMatchObject({ outcome: "failed", retryable: false });
    expect((await t.db.account.findUniqueOrThrow({ where: { id: acc.id } })).status).toBe("needs_reconnect");
  });

  it("waits for a rate limit's reset instead of retrying at once", async () => {
    const acc = await account("youtube", "andre_youtube");
    s.sandbox.fault({ platform: "youtube", kind: "rate_limit", resetInMs: 1_000 });
    const r = done(await collectAccount(opts(), acc.id));
    expect(r.outcome).toBe("rate_limited");
    expect(r.retryAt!.getTime()).toBeGreaterThan(Date.now());
    expect((await t.db.account.findUniqueOrThrow({ where: { id: acc.id } })).nextCollectAt).toEqual(r.retryAt);
  });
});

describe("the queue", () => {
  let a: PgBoss;
  let b: PgBoss;

  it("lets two workers started together collect each account once", async () => {
    const other = await t.db.agency.create({ data: { slug: "to-arbeidere", name: "To arbeidere" } });
    const accounts = await Promise.all(
      (["twitter", "facebook", "flickr"] as const).map((p) =>
        t.db.account.create({
          data: {
            agencyId: other.id,
            platform: p,
            handle: `andre_${p}`,
            displayName: p,
            baseUrl: s.sandbox.baseUrl(p),
          },
        }),
      ),
    );
    [a, b] = await Promise.all([startQueue(t.url), startQueue(t.url)]);
    const intervals = { minutes: 60, sandboxMinutes: 60 };
    // Both instances tick at the same moment, then both work.
    await Promise.all([
      enqueueDueAccounts(a, t.db, intervals),
      enqueueDueAccounts(b, t.db, intervals),
      enqueueDueAccounts(a, t.db, intervals),
    ]);
    await Promise.all([
      startWorkers(a, { ...opts(), pollingIntervalSeconds: 0.5 }),
      startWorkers(b, { ...opts(), pollingIntervalSeconds: 0.5 }),
    ]);
    const ids = accounts.map((x) => x.id);
    await waitFor(
      async () =>
        (await t.db.collectionRun.count({ where: { accountId: { in: ids }, outcome: { not: "running" } } })) >= 3,
      20_000,
    );
    await new Promise((r) => setTimeout(r, 1_500));
    for (const id of ids) expect(await t.db.collectionRun.count({ where: { accountId: id } })).toBe(1);
    await Promise.all([a.stop({ graceful: false }), b.stop({ graceful: false })]);
  }, 40_000);

  it("re-queues a rate-limited collection at the reset time, and it then succeeds", async () => {
    const acc = await account("twitter", "etat_twitter");
    const boss = await startQueue(t.url);
    s.sandbox.fault({ platform: "twitter", kind: "rate_limit", resetInMs: 1_000 });
    const start = await t.db.collectionRun.count({ where: { accountId: acc.id } });
    await enqueueCollection(boss, acc.id);
    await startWorkers(boss, { ...opts(), pollingIntervalSeconds: 0.5 });
    await waitFor(
      async () =>
        (await t.db.collectionRun.count({
          where: { accountId: acc.id, outcome: "success", startedAt: { gt: new Date(Date.now() - 60_000) } },
        })) >= 1,
      20_000,
    );
    const runs = (
      await t.db.collectionRun.findMany({ where: { accountId: acc.id }, orderBy: { startedAt: "asc" } })
    ).slice(start);
    const limited = runs.find((r) => r.outcome === "rate_limited")!;
    const success = runs.find((r) => r.outcome === "success" && r.startedAt > limited.startedAt)!;
    const [refused, ...later] = s.sandbox.requests.filter(
      (r) => r.platform === "twitter" && r.at >= limited.startedAt.getTime(),
    );
    expect(success.startedAt.getTime() - limited.startedAt.getTime()).toBeGreaterThanOrEqual(900);
    // Nothing was sent to the platform between the 429 and its reset.
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((c) => c.at >= refused!.at + 900)).toBe(true);
    await boss.stop({ graceful: false });
  }, 40_000);
});

async function waitFor(check: () => Promise<boolean>, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("timed out waiting");
}
