import { Prisma, type RunOutcome } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { upsertDailyMetrics, type DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import { upsertPosts } from "@/lib/ingest/posts";
import { demoPermalink } from "@/lib/demo/history";
import { upsertReplies } from "@/lib/ingest/replies";
import { finishRun, startRun } from "@/lib/ingest/runs";
import { lockAccount } from "./accountLock";
import { ensureFreshCredential, type TokenAccount } from "@/lib/platforms/tokens";
import { authExpired, PlatformError, transient } from "@/lib/platforms/errors";
import { redactSecrets } from "@/lib/config";
import { CONNECTORS, REAL_BASE_URL } from "@/lib/platforms";
import {
  SOCIAL_PLATFORMS,
  type ConnectorContext,
  type MetricGap,
  type PostData,
  type SocialPlatform,
} from "@/lib/platforms/types";
import { addDays, localDay } from "@/lib/time";

export type CollectOptions = {
  db: Db;
  /** The same database as `db`: the account's lock is held on a session of its own (jobs/accountLock.ts). */
  databaseUrl: string;
  pseudonymisationKey: string;
  credentialsKey?: string;
  timeoutMs?: number;
  pageSize?: number;
  backfillDays?: number;
  /** Called after every page written: for the CLI's progress bar. */
  onProgress?: (p: {
    phase: "metrics" | "backfill" | "posts";
    pages: number;
    daysDone: number;
    daysTotal: number;
  }) => void;
  /** Test hook: called after each page is written (a collection may die here). */
  afterPage?: (page: number) => void | Promise<void>;
};

/** Per call: skip the account if a successful collection of it started at or after this instant. */
export type CollectRequest = { alreadyCollectedSince?: Date };

export type CollectResult =
  | { status: "skipped"; reason: string }
  | {
      status: "done";
      account: string;
      runId: string;
      outcome: Exclude<RunOutcome, "running" | "interrupted">;
      itemsFetched: number;
      itemsWritten: number;
      error: string | null;
      retryAt: Date | null;
      retryable: boolean;
    };

const POST_REFRESH_MAX_DAYS = 90;
const REPLY_FETCHES_AT_ONCE = 8;
// :TRICKY: the token for a sandbox account without credentials; the fake accepts any token.
const SANDBOX_TOKEN = "sandbox";

/**
 * Collects one account now: account metrics into today's row, new posts (and, on the first run, a
 * backfill as far back as the API allows), fresh metrics for posts due on the decaying schedule,
 * and replies to posts whose reply count grew. Every page is written before the cursor moves on,
 * so a collection killed half-way resumes where it stopped and writes nothing twice.
 */
export async function collectAccount(
  opts: CollectOptions,
  accountId: string,
  request: CollectRequest = {},
): Promise<CollectResult> {
  // Whatever queue, instance or CLI started this, only one collection runs per account.
  const lock = await lockAccount(opts.databaseUrl, accountId);
  if (!lock) return { status: "skipped", reason: "account is being collected" };
  try {
    return await collectLocked(opts, accountId, request);
  } finally {
    await lock.release();
  }
}

async function collectLocked(opts: CollectOptions, accountId: string, request: CollectRequest): Promise<CollectResult> {
  const { db } = opts;
  const account = await db.account.findUniqueOrThrow({
    where: { id: accountId },
    include: { agency: { select: { timeZone: true } } },
  });
  if (account.status !== "active") return { status: "skipped", reason: `account is ${account.status}` };
  const platform = account.platform as SocialPlatform;
  if (!SOCIAL_PLATFORMS.includes(platform))
    return { status: "skipped", reason: `${account.platform} has no collector` };
  if (request.alreadyCollectedSince) {
    // :TRICKY: two instances ticking together can queue a second job while the first is already
    // collecting; once that collection is done the second has nothing left to do.
    const since = request.alreadyCollectedSince;
    const done = await db.collectionRun.count({
      where: {
        accountId,
        agencyId: account.agencyId,
        startedAt: { gte: since },
        outcome: { in: ["success", "partial"] },
      },
    });
    if (done > 0) return { status: "skipped", reason: "already collected since this collection was asked for" };
  }
  const connector = CONNECTORS[platform];
  const run = await startRun(db, {
    agencyId: account.agencyId,
    accountId,
    kind: account.backfillDoneAt ? "collect" : "backfill",
  });
  const ids = { agencyId: account.agencyId, accountId };
  const label = `${platform}:${account.handle}`;
  const tz = account.agency.timeZone;
  let fetched = 0;
  let written = 0;
  const gaps: MetricGap[] = [];

  try {
    const secret = account.credentialId ? await freshSecret(opts, account) : null;
    const ctx: ConnectorContext = {
      baseUrl: account.baseUrl ?? REAL_BASE_URL[platform],
      handle: account.handle,
      platformId: account.platformId,
      token: secret?.token ?? (account.baseUrl ? SANDBOX_TOKEN : null),
      timeoutMs: opts.timeoutMs ?? 15_000,
    };

    // A run that stopped at a rate limit (or died) is resumed where it stopped: the account's numbers
    // it already fetched today are not fetched again, and replies it had still to fetch are fetched
    // first, from what is stored, rather than by re-reading the page they belong to. The runs since
    // the last one that finished (newest first) are one chain: a run stopped before its first call
    // does not make the next one fetch the numbers again.
    const lastDone = await db.collectionRun.findFirst({
      where: { accountId, agencyId: account.agencyId, id: { not: run.id }, outcome: { in: ["success", "partial"] } },
      orderBy: { startedAt: "desc" },
      select: { startedAt: true },
    });
    const stopped = await db.collectionRun.findMany({
      where: {
        accountId,
        agencyId: account.agencyId,
        id: { not: run.id },
        ...(lastDone ? { startedAt: { gt: lastDone.startedAt } } : {}),
      },
      orderBy: { startedAt: "desc" },
      take: 1_000,
    });
    const resuming =
      stopped[0] && ["rate_limited", "interrupted", "failed"].includes(stopped[0].outcome) ? stopped : null;
    const today = localDay(new Date(), tz);

    // 1. The account's own numbers, rolled into today's row: fetched by the first stopped run that
    // fetched anything (a run fetches them first, unless an earlier one of the chain had).
    const metricsRun = resuming?.findLast((r) => r.itemsFetched > 0);
    const metricsFresh =
      metricsRun &&
      account.platformId &&
      !resuming!.some((r) => r.startedAt >= metricsRun.startedAt && r.error?.includes("metrics not delivered")) &&
      localDay(metricsRun.startedAt, tz) === today &&
      Date.now() - metricsRun.startedAt.getTime() < 3_600_000;
    if (!metricsFresh) {
      const metrics = await connector.fetchAccountMetrics(ctx, { since: addDays(today, -3), until: today });
      fetched++;
      gaps.push(...metrics.gaps);
      if (metrics.platformId !== account.platformId)
        await db.account.update({ where: { id: accountId }, data: { platformId: metrics.platformId } });
      ctx.platformId = metrics.platformId;
      const rows: DailyMetricInput[] = (metrics.daily ?? [])
        .filter((d) => d.day <= today)
        .map((d) => ({ ...ids, day: d.day, impressions: d.impressions ?? null, reach: d.reach ?? null }));
      rows.push({ ...ids, day: today, followers: metrics.followers, following: metrics.following });
      written += await upsertDailyMetrics(db, rows);
    }
    opts.onProgress?.({
      phase: "metrics",
      pages: 0,
      daysDone: account.backfillDaysDone ?? 0,
      daysTotal: account.backfillDaysTotal ?? 0,
    });

    const fetchReplies = async (posts: { platformPostId: string; publishedAt: Date }[]) => {
      // Several posts' replies at once: the budget's tokens (lib/platforms/budget.ts) keep them within the limits.
      const todo = [...posts];
      let failure: unknown = null;
      await Promise.all(
        Array.from({ length: Math.min(REPLY_FETCHES_AT_ONCE, todo.length) }, async () => {
          for (let post = todo.shift(); post && !failure; post = todo.shift()) {
            try {
              const found = await connector.fetchReplies(ctx, post);
              fetched += found.length;
              written += await upsertReplies(
                db,
                found.map((r) => ({ ...ids, ...r })),
                opts.pseudonymisationKey,
              );
            } catch (error) {
              failure ??= error;
            }
          }
        }),
      );
      if (failure) throw failure;
    };
    if (resuming) await fetchReplies(await repliesPending(db, accountId, resuming.at(-1)!.startedAt));

    // 2. Posts, newest first: a backfill on the first run, else back to the oldest post due for fresh metrics.
    const backfilling = !account.backfillDoneAt;
    const daysTotal = Math.min(connector.backfillLimitDays, opts.backfillDays ?? 90);
    const oldestWanted = backfilling
      ? new Date(Date.now() - daysTotal * 86_400_000)
      : await refreshFrom(db, accountId, account.postsCursor);
    let page: string | null = backfilling ? account.backfillCursor : null;
    let daysDone = backfilling ? (account.backfillDaysDone ?? 0) : 0;
    if (backfilling)
      await db.account.update({
        where: { id: accountId },
        data: { backfillDaysTotal: daysTotal, backfillDaysDone: daysDone },
      });
    let pages = 0;
    let newest: Date | null = null;
    for (;;) {
      const result = await connector.fetchPostsPage(ctx, page, opts.pageSize ?? 50);
      fetched += result.posts.length;
      gaps.push(...result.gaps);
      const wanted = result.posts.filter((p) => p.publishedAt >= oldestWanted);
      const metricsAt = new Date();
      // A channel collected from the sandbox (no credentials, an API override — the same test as for its token):
      // its posts' links are the demo's example links, not links into a real platform.
      const exampleLinks = !account.credentialId && account.baseUrl !== null;
      written += await upsertPosts(
        db,
        wanted.map((p) => ({
          ...ids,
          ...p,
          ...(exampleLinks ? { permalink: demoPermalink(platform, account.handle, p.platformPostId) } : {}),
          metricsCollectedAt: metricsAt,
        })),
      );
      const replies = await repliesDue(db, accountId, wanted);
      pages++;
      if (!newest && result.posts[0]) newest = result.posts[0].publishedAt;
      const oldest = result.posts.at(-1)?.publishedAt;
      const done = !result.next || !oldest || oldest < oldestWanted;
      // The page's posts are stored: the cursor moves past it before its replies are fetched (a
      // resumed run fetches those from what is stored, above).
      if (backfilling) {
        if (oldest)
          daysDone = Math.max(daysDone, Math.min(daysTotal, Math.ceil((Date.now() - oldest.getTime()) / 86_400_000)));
        await db.account.update({
          where: { id: accountId },
          data: {
            backfillCursor: done ? null : result.next,
            backfillDaysDone: done ? daysTotal : daysDone,
            ...(done ? { backfillDoneAt: new Date() } : {}),
          },
        });
      }
      await fetchReplies(replies);
      opts.onProgress?.(
        backfilling
          ? { phase: "backfill", pages, daysDone: done ? daysTotal : daysDone, daysTotal }
          : { phase: "posts", pages, daysDone: 0, daysTotal: 0 },
      );
      await opts.afterPage?.(pages);
      if (done) break;
      page = result.next;
    }
    if (newest && (!backfilling || !account.backfillCursor))
      await db.account.update({ where: { id: accountId }, data: { postsCursor: newest.toISOString() } });

    // 3. Today's posts and replies, counted from what is stored (so re-runs give the same numbers).
    written += await upsertDailyMetrics(db, [
      { ...ids, day: today, ...(await countsForDay(db, accountId, today, tz)) },
    ]);

    const outcome = gaps.length ? "partial" : "success";
    const error = gaps.length ? gapMessage(gaps) : null;
    await finishRun(db, run.id, { outcome, itemsFetched: fetched, itemsWritten: written, error });
    await db.account.update({ where: { id: accountId }, data: { lastSuccessAt: new Date(), nextCollectAt: null } });
    return {
      status: "done",
      account: label,
      runId: run.id,
      outcome,
      itemsFetched: fetched,
      itemsWritten: written,
      error,
      retryAt: null,
      retryable: false,
    };
  } catch (error) {
    const e = error instanceof PlatformError ? error : null;
    // Stored, shown on the connections page and logged: never with a token a platform URL carried.
    const message = [redactSecrets((error as Error).message), gaps.length ? gapMessage(gaps) : null]
      .filter(Boolean)
      .join("; ");
    if (e?.kind === "rate_limited" || e?.kind === "quota") {
      await finishRun(db, run.id, {
        outcome: "rate_limited",
        itemsFetched: fetched,
        itemsWritten: written,
        error: message,
      });
      await db.account.update({ where: { id: accountId }, data: { nextCollectAt: e.resetAt } });
      return {
        status: "done",
        account: label,
        runId: run.id,
        outcome: "rate_limited",
        itemsFetched: fetched,
        itemsWritten: written,
        error: message,
        retryAt: e.resetAt,
        retryable: false,
      };
    }
    await finishRun(db, run.id, { outcome: "failed", itemsFetched: fetched, itemsWritten: written, error: message });
    if (e?.kind === "auth") {
      // An expired or revoked token: stop trying until someone reconnects the account.
      await db.account.update({ where: { id: accountId }, data: { status: "needs_reconnect" } });
      return {
        status: "done",
        account: label,
        runId: run.id,
        outcome: "failed",
        itemsFetched: fetched,
        itemsWritten: written,
        error: message,
        retryAt: null,
        retryable: false,
      };
    }
    return {
      status: "done",
      account: label,
      runId: run.id,
      outcome: "failed",
      itemsFetched: fetched,
      itemsWritten: written,
      error: message,
      retryAt: null,
      retryable: e?.kind !== "not_found",
    };
  }
}

function gapMessage(gaps: MetricGap[]): string {
  const unique = [...new Map(gaps.map((g) => [g.metric, g])).values()];
  return `metrics not delivered (stored as unknown): ${unique.map((g) => `${g.metric} — ${g.reason}`).join(", ")}`;
}

/**
 * How far back this collection walks: past the newest post seen last time, and back to the oldest
 * post whose metrics are due — hourly in its first day, every 6 h to a week, daily to a month,
 * weekly to 90 days.
 */
async function refreshFrom(db: Db, accountId: string, postsCursor: string | null): Promise<Date> {
  const rows = await db.$queryRaw<{ oldest: Date | null }[]>(Prisma.sql`
    SELECT min(published_at) AS oldest FROM post
    WHERE account_id = ${accountId}::uuid AND published_at > now() - make_interval(days => ${POST_REFRESH_MAX_DAYS}::int)
      AND (metrics_collected_at IS NULL OR metrics_collected_at < now() - CASE
        WHEN published_at > now() - interval '1 day' THEN interval '1 hour'
        WHEN published_at > now() - interval '7 days' THEN interval '6 hours'
        WHEN published_at > now() - interval '30 days' THEN interval '1 day'
        ELSE interval '7 days' END)`);
  const cursor = postsCursor
    ? new Date(new Date(postsCursor).getTime() - 3_600_000)
    : new Date(Date.now() - 86_400_000);
  const oldest = rows[0]?.oldest;
  return oldest && oldest < cursor ? oldest : cursor;
}

/** Posts whose reply count on the platform is higher than the replies we hold for them. */
async function repliesDue(db: Db, accountId: string, posts: PostData[]): Promise<PostData[]> {
  const withReplies = posts.filter((p) => (p.replies ?? 1) > 0);
  if (withReplies.length === 0) return [];
  const rows = await db.$queryRaw<{ platform_post_id: string; n: number }[]>(Prisma.sql`
    SELECT p.platform_post_id, count(r.id)::int AS n FROM post p LEFT JOIN reply r ON r.post_id = p.id
    WHERE p.account_id = ${accountId}::uuid AND p.platform_post_id = ANY(${withReplies.map((p) => p.platformPostId)}::text[])
    GROUP BY p.platform_post_id`);
  const held = new Map(rows.map((r) => [r.platform_post_id, r.n]));
  return withReplies.filter((p) => p.replies === null || p.replies > (held.get(p.platformPostId) ?? 0));
}

/** Posts stored since `since` whose replies on the platform outnumber those we hold: a stopped run's unfinished work. */
async function repliesPending(
  db: Db,
  accountId: string,
  since: Date,
): Promise<{ platformPostId: string; publishedAt: Date }[]> {
  const rows = await db.$queryRaw<{ platform_post_id: string; published_at: Date }[]>(Prisma.sql`
    SELECT p.platform_post_id, p.published_at FROM post p
    WHERE p.account_id = ${accountId}::uuid AND p.metrics_collected_at >= ${since} AND p.replies > 0
      AND p.replies > (SELECT count(*) FROM reply r WHERE r.post_id = p.id)`);
  return rows.map((r) => ({ platformPostId: r.platform_post_id, publishedAt: r.published_at }));
}

async function countsForDay(db: Db, accountId: string, day: string, tz: string) {
  const rows = await db.$queryRaw<{ posts: number; replies: number }[]>(Prisma.sql`
    SELECT (SELECT count(*)::int FROM post WHERE account_id = ${accountId}::uuid AND (published_at AT TIME ZONE ${tz})::date = ${day}::date) AS posts,
           (SELECT count(*)::int FROM reply WHERE account_id = ${accountId}::uuid AND (published_at AT TIME ZONE ${tz})::date = ${day}::date) AS replies`);
  return { postsPublished: rows[0]?.posts ?? 0, repliesReceived: rows[0]?.replies ?? 0 };
}

/** The account's secret, its access token renewed first when it is about to end (lib/platforms/tokens.ts). */
async function freshSecret(opts: CollectOptions, account: TokenAccount) {
  const fresh = await ensureFreshCredential(opts.db, account, { credentialsKey: opts.credentialsKey });
  if (fresh.status === "needs_reconnect") throw authExpired(account.platform, fresh.reason);
  if (fresh.status === "failed") throw transient(account.platform, fresh.reason);
  if (fresh.status === "none") throw authExpired(account.platform, "the stored credentials are gone");
  return fresh.secret;
}
