import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { collectAccount, type CollectOptions } from "@/jobs/collectAccount";
import { enqueueDueAccounts, startQueue, startWorkers } from "@/jobs/queue";
import {
  acquire,
  blockedUntil,
  configureLimits,
  noteBudget,
  reserve,
  resetBudgets,
  settle,
  withBudgetPolicy,
} from "@/lib/platforms/budget";
import { PlatformError } from "@/lib/platforms/errors";
import type { SocialPlatform } from "@/lib/platforms/types";
import { useSandbox } from "../helpers/sandbox";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const s = useSandbox();
const KEY = "3c".repeat(32);
const opts = (): CollectOptions => ({
  db: t.db,
  databaseUrl: t.url,
  pseudonymisationKey: KEY,
  credentialsKey: KEY,
  timeoutMs: 2_000,
  pageSize: 10,
  backfillDays: 30,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let agencies = 0;
async function account(platform: SocialPlatform, handle: string) {
  const agency = await t.db.agency.create({ data: { slug: `budsjett-${++agencies}`, name: `Budsjett ${agencies}` } });
  return t.db.account.create({
    data: { agencyId: agency.id, platform, handle, displayName: handle, baseUrl: s.sandbox.baseUrl(platform) },
  });
}

afterEach(() => configureLimits([{ platform: "youtube", limit: 1_000_000, windowMs: 1 }]));

describe("the call budget", () => {
  const url = "http://plattform.test/api/v1/statuses";
  beforeAll(() => resetBudgets());

  it("never lets parallel calls spend more than the platform said is left", () => {
    noteBudget(url, 2, new Date(Date.now() + 60_000));
    reserve("mastodon", url);
    reserve("mastodon", url);
    expect(() => reserve("mastodon", url)).toThrow(PlatformError);
    expect(blockedUntil("http://plattform.test", "mastodon")).not.toBeNull();
    settle(url);
    noteBudget(url, 1, new Date(Date.now() + 60_000)); // the answer: one left, one call still out
    settle(url);
    reserve("mastodon", url);
    expect(() => reserve("mastodon", url)).toThrow(/rate limit/);
    resetBudgets();
  });

  it("holds a platform whose answers carry no budget to the configured limit, until its window ends", async () => {
    configureLimits([{ platform: "youtube", limit: 3, windowMs: 300 }]);
    const yt = "http://yt.test/youtube/v3/videos";
    for (let i = 0; i < 3; i++) reserve("youtube", yt);
    for (let i = 0; i < 3; i++) settle(yt);
    const answered = Date.now();
    let refused: PlatformError | null = null;
    try {
      reserve("youtube", yt);
    } catch (e) {
      refused = e as PlatformError;
    }
    expect(refused?.kind).toBe("rate_limited");
    // The platform's window began when it saw the first call, at the latest when that was answered.
    expect(refused!.resetAt!.getTime()).toBeGreaterThanOrEqual(answered + 300);
    await sleep(refused!.resetAt!.getTime() - Date.now() + 20);
    expect(() => reserve("youtube", yt)).not.toThrow();
    resetBudgets();
  });

  it("counts a call of the last window still on its way in the next one, so no window of the platform's overflows", async () => {
    configureLimits([{ platform: "youtube", limit: 3, windowMs: 200 }]);
    const yt = "http://yt.test/youtube/v3/search";
    for (let i = 0; i < 3; i++) reserve("youtube", yt);
    settle(yt);
    settle(yt); // the third call is still unanswered: it may arrive after the platform's window ended
    await sleep(220);
    reserve("youtube", yt);
    reserve("youtube", yt);
    expect(() => reserve("youtube", yt)).toThrow(/rate limit/);
    resetBudgets();
  });

  it("narrows a reset given in whole seconds to the window's length after its first answer, where the platform says the length", () => {
    const bsky = "http://bsky.test/xrpc/app.bsky.feed.getAuthorFeed";
    const rounded = new Date(Math.ceil((Date.now() + 1_500) / 1000) * 1000 + 1000);
    const answered = Date.now();
    noteBudget(bsky, 0, rounded, undefined, 1_000);
    const until = blockedUntil("http://bsky.test", "bluesky")!.getTime();
    expect(until).toBeLessThan(rounded.getTime());
    expect(until).toBeGreaterThanOrEqual(answered + 1_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 1_100);
    // Without the window's length the platform's reset stands.
    noteBudget("http://bsky2.test/xrpc/x.y", 0, rounded);
    expect(blockedUntil("http://bsky2.test", "bluesky")!.getTime()).toBe(rounded.getTime());
    resetBudgets();
  });

  it("waits for a token back in a moment when the collection's policy says so, and stops otherwise", async () => {
    configureLimits([{ platform: "youtube", limit: 1, windowMs: 150 }]);
    const yt = "http://yt.test/youtube/v3/channels";
    await acquire("youtube", yt);
    settle(yt);
    await expect(acquire("youtube", yt)).rejects.toThrow(/rate limit/);
    const policy = { calls: 0, wait: (_p: string, at: number) => at - Date.now() <= 1_000 };
    const t0 = Date.now();
    await withBudgetPolicy(policy, () => acquire("youtube", yt));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
    expect(policy.calls).toBe(1);
    settle(yt);
    const never = { calls: 0, wait: () => false };
    await expect(withBudgetPolicy(never, () => acquire("youtube", yt))).rejects.toThrow(/rate limit/);
    resetBudgets();
  });
});

describe("collection within the budget", () => {
  it("resumes a collection stopped by a rate limit where it stopped: the account's numbers and the page are not fetched again, nothing is lost or doubled", async () => {
    const acc = await account("mastodon", "etat_mastodon");
    // The platform refuses the third reply fetch of the first page, for 300 ms.
    s.sandbox.fault({ platform: "mastodon", kind: "rate_limit", match: "/context", after: 3, resetInMs: 300 });
    const first = await collectAccount(opts(), acc.id);
    expect(first).toMatchObject({ status: "done", outcome: "rate_limited" });
    const stopped = s.sandbox.requests.length;
    await sleep(400);
    expect(await collectAccount(opts(), acc.id)).toMatchObject({ status: "done", outcome: "success" });
    const resumed = s.sandbox.requests.slice(stopped).filter((r) => r.platform === "mastodon");
    expect(resumed.filter((r) => r.path === "/api/v1/accounts/lookup")).toHaveLength(0);
    expect(resumed.filter((r) => r.path.endsWith("/statuses") && !r.query.max_id)).toHaveLength(0);
    expect(await t.db.post.count({ where: { accountId: acc.id } })).toBe(25);
    expect(await t.db.reply.count({ where: { accountId: acc.id } })).toBe(50);
    const perPost = await t.db.reply.groupBy({ by: ["platformReplyId"], where: { accountId: acc.id }, _count: true });
    expect(perPost.every((g) => g._count === 1)).toBe(true);
  }, 30_000);

  it("resumes a chain of stopped runs as one: a run stopped before its first call makes the next fetch nothing twice", async () => {
    const acc = await account("mastodon", "etat_mastodon");
    s.sandbox.fault({ platform: "mastodon", kind: "rate_limit", match: "/context", after: 3, resetInMs: 600 });
    expect(await collectAccount(opts(), acc.id)).toMatchObject({ status: "done", outcome: "rate_limited" });
    const stopped = s.sandbox.requests.length;
    // Asked again before the reset: the budget refuses its first call, nothing is fetched.
    const early = await collectAccount(opts(), acc.id);
    expect(early).toMatchObject({ status: "done", outcome: "rate_limited", itemsFetched: 0 });
    expect(s.sandbox.requests.length).toBe(stopped);
    await sleep(1_200);
    expect(await collectAccount(opts(), acc.id)).toMatchObject({ status: "done", outcome: "success" });
    const resumed = s.sandbox.requests.slice(stopped).filter((r) => r.platform === "mastodon");
    expect(resumed.filter((r) => r.path === "/api/v1/accounts/lookup")).toHaveLength(0);
    expect(resumed.filter((r) => r.path.endsWith("/statuses") && !r.query.max_id)).toHaveLength(0);
    expect(await t.db.post.count({ where: { accountId: acc.id } })).toBe(25);
    expect(await t.db.reply.count({ where: { accountId: acc.id } })).toBe(50);
  }, 30_000);

  it("leases no account of a platform whose budget is spent, and collects the other platforms meanwhile", async () => {
    const spent = await account("twitter", "etat_twitter");
    const other = await account("mastodon", "andre_mastodon");
    const boss = await startQueue(t.url);
    try {
      // A twitter call earlier in this process was answered "0 left" for the next 2 s.
      const until = new Date(Date.now() + 2_000);
      noteBudget(`${s.sandbox.baseUrl("twitter")}/2/users/by`, 0, until);
      const before = s.sandbox.requests.filter((r) => r.platform === "twitter").length;
      await enqueueDueAccounts(boss, t.db, { minutes: 60, sandboxMinutes: 60 });
      await startWorkers(boss, { ...opts(), concurrency: 1, pollingIntervalSeconds: 0.2 });
      await waitFor(
        async () => (await t.db.collectionRun.count({ where: { accountId: other.id, outcome: "success" } })) === 1,
        20_000,
      );
      const runsWhileSpent = await t.db.collectionRun.findMany({
        where: { accountId: spent.id, startedAt: { lt: until } },
      });
      const callsWhileSpent =
        s.sandbox.requests.filter((r) => r.platform === "twitter" && r.at < until.getTime()).length - before;
      expect(runsWhileSpent.filter((r) => r.outcome === "rate_limited")).toHaveLength(0);
      expect(callsWhileSpent).toBe(0);
      await waitFor(
        async () => (await t.db.collectionRun.count({ where: { accountId: spent.id, outcome: "success" } })) === 1,
        20_000,
      );
      const twitterRuns = await t.db.collectionRun.findMany({ where: { accountId: spent.id } });
      expect(twitterRuns.map((r) => r.outcome)).toEqual(["success"]);
    } finally {
      await boss.stop({ graceful: false });
    }
  }, 40_000);
});

async function waitFor(check: () => Promise<boolean>, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error("timed out");
}
