import { AsyncLocalStorage } from "node:async_hooks";
import { z } from "zod";
import { PlatformError, rateLimited } from "./errors";

/**
 * What this process may still call, per API root (or a platform's own scope): a token bucket fed by
 * what the platforms say (`remaining` calls until `resetAt`, in their rate-limit headers), by
 * configured limits for platforms that publish none in their answers (YouTube, Flickr), and by the
 * calls already on their way, so parallel workers and reply fetches never overshoot a window.
 * A call the bucket refuses is not made: the collection stops as rate-limited until the reset, and
 * the queue leases no account of that API root before then (jobs/queue.ts).
 */
type Bucket = {
  /** Calls left in the platform's window as it last said, and when that window ends. */
  remaining: number | null;
  resetAt: number;
  /** The reset the platform's header gave for the current window, and when its first answer came. */
  headerReset: number;
  firstAnswerAt: number;
  /** Refused (a 429, a spent quota) until then. */
  until: number;
  /** Start times of calls not yet answered. */
  inFlight: number[];
  /** The window of a configured limit that the calls now go into (see `reserve`). */
  win: Window | null;
};

/**
 * Our picture of a platform's fixed window (it begins at the first call to arrive after the last
 * one ended): `count` calls are in it; it began at the latest when its first call was answered
 * (`firstAnswer`: a call arrives before its answer), so it is over `windowMs` after that.
 * `late`: its calls answered after `firstSent + windowMs` (they may have arrived after the
 * platform's window ended, opening the next one); `older`: calls of the window before still
 * unanswered when this one began (counted in it, as they may arrive in it).
 */
type Window = {
  windowMs: number;
  firstSent: number;
  firstAnswer: number | null;
  count: number;
  late: number;
  older: number;
};

export type Limit = { limit: number; windowMs: number };

const buckets = new Map<string, Bucket>();
const configured = new Map<string, Limit>();
// An answer that never came (a timeout inside a client library) frees its token after this long.
const IN_FLIGHT_MS = 30_000;
// Timer and clock granularity between the platform's measure of its window and ours.
const WINDOW_MARGIN_MS = 5;

function bucket(key: string): Bucket {
  let b = buckets.get(key);
  if (!b)
    buckets.set(
      key,
      (b = { remaining: null, resetAt: 0, headerReset: 0, firstAnswerAt: 0, until: 0, inFlight: [], win: null }),
    );
  return b;
}

/** The API root of `url`: its origin and first two path segments. */
export function budgetKey(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.split("/").slice(0, 3).join("/")}`;
}

// A window none of whose calls was ever answered is over once they count as lost (IN_FLIGHT_MS).
const windowOver = (w: Window, limit: Limit, now: number) =>
  w.firstAnswer !== null
    ? now >= w.firstAnswer + limit.windowMs + WINDOW_MARGIN_MS
    : now >= w.firstSent + IN_FLIGHT_MS + limit.windowMs;

/** When a call on this bucket may be made (≤ now: at once). */
function readyAt(b: Bucket, limit: Limit | undefined, now: number): number {
  let at = b.until;
  b.inFlight = b.inFlight.filter((t) => now - t < IN_FLIGHT_MS);
  if (b.remaining !== null && b.resetAt > now && b.remaining - b.inFlight.length <= 0) at = Math.max(at, b.resetAt);
  const w = b.win;
  if (limit && w && w.count >= limit.limit && !windowOver(w, limit, now))
    at = Math.max(
      at,
      w.firstAnswer !== null
        ? w.firstAnswer + limit.windowMs + WINDOW_MARGIN_MS
        : Math.min(now + 10, w.firstSent + IN_FLIGHT_MS + limit.windowMs),
    );
  return at;
}

/**
 * Takes one call's token from the buckets of `url` and `scopes`, or throws a rate-limited error
 * (with the time the budget comes back) without calling. Give the token back with `settle`.
 */
export function reserve(platform: string, url: string, scopes: string[] = []): void {
  const now = Date.now();
  const key = budgetKey(url);
  const limit = configured.get(platform);
  let until = 0;
  for (const k of [key, ...scopes]) until = Math.max(until, readyAt(bucket(k), k === key ? limit : undefined, now));
  if (until > now) throw rateLimited(platform, new Date(until));
  const b = bucket(key);
  if (limit) {
    // :TRICKY: the platform's windows are fixed and begin where it sees a call, which we cannot
    // know: a call that is our window's first may arrive after a straggler of the window before
    // opened the platform's next one. So a new window counts every call of the last one that may
    // have arrived after it ended (answered late, or still unanswered) — whatever the delays on
    // the way, no window of the platform's receives more than `limit` calls.
    const w = b.win;
    if (!w || windowOver(w, limit, now))
      b.win = {
        windowMs: limit.windowMs,
        firstSent: now,
        firstAnswer: null,
        count: 1 + (w ? w.late + b.inFlight.length : 0),
        late: 0,
        older: b.inFlight.length,
      };
    else w.count++;
  }
  b.inFlight.push(now);
}

/**
 * How the calls of one collection meet a spent budget (set by the queue's worker around a job):
 * `wait` says whether to wait for a token back at `readyAt` (epoch ms) rather than stop the
 * collection as rate-limited; `calls` counts the calls made.
 */
export type BudgetPolicy = { wait(platform: string, readyAt: number): boolean; calls: number };
const policies = new AsyncLocalStorage<BudgetPolicy>();

/** Runs `fn` with `policy` for every call it makes (through getJson or a connector's client). */
export function withBudgetPolicy<T>(policy: BudgetPolicy, fn: () => Promise<T>): Promise<T> {
  return policies.run(policy, fn);
}

/**
 * `reserve`, waiting for the token where the collection's policy says so (a budget back in a moment,
 * or the busiest budget's worker keeping its place); without a policy, or past it, it throws as `reserve`.
 */
export async function acquire(platform: string, url: string, scopes: string[] = []): Promise<void> {
  const policy = policies.getStore();
  for (;;) {
    try {
      reserve(platform, url, scopes);
      if (policy) policy.calls++;
      return;
    } catch (error) {
      const at = error instanceof PlatformError ? error.resetAt?.getTime() : undefined;
      if (!policy || at === undefined || !policy.wait(platform, at)) throw error;
      // Whoever wakes first takes the token; the others find the next time and wait again.
      await new Promise((r) => setTimeout(r, Math.max(1, at - Date.now())));
    }
  }
}

/** The answer to a reserved call of `url` arrived (or never will). */
export function settle(url: string): void {
  const b = buckets.get(budgetKey(url));
  if (!b) return;
  b.inFlight.shift();
  const w = b.win;
  if (!w) return;
  // Answers are taken as the oldest call's (first in, first out): the window's first answer is then
  // never earlier than the first real answer to one of its own calls.
  if (w.older > 0) {
    w.older--;
    return;
  }
  const now = Date.now();
  w.firstAnswer ??= now;
  if (now > w.firstSent + w.windowMs) w.late++;
}

/**
 * Records "`remaining` calls left until `resetAt`" for the API root of `url`, or for `scope` when
 * given. `windowMs`: the window's length where the platform says it (Bluesky's `ratelimit-policy`):
 * a reset in whole seconds is then narrowed to `windowMs` after the window's first answer.
 */
export function noteBudget(
  url: string,
  remaining: number | null,
  resetAt: Date | null,
  scope?: string,
  windowMs?: number,
): void {
  const b = bucket(scope ?? budgetKey(url));
  if (remaining === null || !resetAt || isNaN(resetAt.getTime())) return;
  const now = Date.now();
  const header = resetAt.getTime();
  if (header !== b.headerReset) {
    b.headerReset = header;
    b.firstAnswerAt = now;
  }
  // :TRICKY: a reset rounded up to the second loses up to a second of every window. The window
  // began before its first answer arrived, so it is over `windowMs` after that answer at the latest.
  const end = windowMs ? Math.min(header, b.firstAnswerAt + windowMs + WINDOW_MARGIN_MS) : header;
  if (remaining <= 0) b.until = Math.max(b.until, end);
  // An answer that left the window earlier may arrive after a later one: keep the lower count.
  if (end !== b.resetAt || b.remaining === null || remaining < b.remaining) {
    b.remaining = remaining;
    b.resetAt = end;
  }
}

/**
 * The latest time any bucket under `prefix` (an account's API base URL) is blocked until, or null
 * when calls can be made now: the queue leases no account of that API root before then.
 */
export function blockedUntil(prefix: string, platform: string): Date | null {
  const now = Date.now();
  const limit = configured.get(platform);
  let until = 0;
  for (const [key, b] of buckets) if (key.startsWith(prefix)) until = Math.max(until, readyAt(b, limit, now));
  return until > now ? new Date(until) : null;
}

export function resetBudgets(): void {
  buckets.clear();
}

/** `youtube=100/100s,flickr=3600/1h`: the limits an installation's keys have where the platform's answers do not say. */
export const RateLimitsSchema = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(z.string().regex(/^[a-z_]+=\d+\/\d+(ms|s|m|h)$/, "expected platform=calls/window, e.g. youtube=100/100s")),
  )
  .transform((parts) =>
    parts.map((p) => {
      const [, platform, calls, n, unit] = /^([a-z_]+)=(\d+)\/(\d+)(ms|s|m|h)$/.exec(p)!;
      return {
        platform: platform!,
        limit: Number(calls),
        windowMs: Number(n) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[unit as "ms" | "s" | "m" | "h"],
      };
    }),
  );

/** Sets the configured limit of each platform named (others keep theirs). */
export function configureLimits(limits: { platform: string; limit: number; windowMs: number }[]): void {
  for (const l of limits) configured.set(l.platform, { limit: l.limit, windowMs: l.windowMs });
}
