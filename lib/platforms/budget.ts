import { z } from "zod";
import { rateLimited } from "./errors";

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
  /** Refused (a 429, a spent quota) until then. */
  until: number;
  /** Start times of calls not yet answered. */
  inFlight: number[];
  /** When the calls counted against a configured limit were sent (the last `limit` of them). */
  sent: number[];
};

export type Limit = { limit: number; windowMs: number };

const buckets = new Map<string, Bucket>();
const configured = new Map<string, Limit>();
// An answer that never came (a timeout inside a client library) frees its token after this long.
const IN_FLIGHT_MS = 30_000;
const WINDOW_MARGIN_MS = 100;

function bucket(key: string): Bucket {
  let b = buckets.get(key);
  if (!b) buckets.set(key, (b = { remaining: null, resetAt: 0, until: 0, inFlight: [], sent: [] }));
  return b;
}

/** The API root of `url`: its origin and first two path segments. */
export function budgetKey(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.split("/").slice(0, 3).join("/")}`;
}

/** When a call on this bucket may be made (≤ now: at once). */
function readyAt(b: Bucket, limit: Limit | undefined, now: number): number {
  let at = b.until;
  b.inFlight = b.inFlight.filter((t) => now - t < IN_FLIGHT_MS);
  if (b.remaining !== null && b.resetAt > now && b.remaining - b.inFlight.length <= 0) at = Math.max(at, b.resetAt);
  // :TRICKY: a sliding window: no span of windowMs (plus a margin for the way there) holds more than
  // `limit` calls, so wherever the platform's own fixed windows begin, none of them overflows.
  if (limit && b.sent.length >= limit.limit)
    at = Math.max(at, b.sent[b.sent.length - limit.limit]! + limit.windowMs + WINDOW_MARGIN_MS);
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
  b.inFlight.push(now);
  if (limit) {
    b.sent.push(now);
    if (b.sent.length > limit.limit) b.sent.splice(0, b.sent.length - limit.limit);
  }
}

/** The answer to a reserved call of `url` arrived (or never will). */
export function settle(url: string): void {
  buckets.get(budgetKey(url))?.inFlight.shift();
}

/** Records "`remaining` calls left until `resetAt`" for the API root of `url`, or for `scope` when given. */
export function noteBudget(url: string, remaining: number | null, resetAt: Date | null, scope?: string): void {
  const b = bucket(scope ?? budgetKey(url));
  if (remaining === null || !resetAt || isNaN(resetAt.getTime())) return;
  if (remaining <= 0) b.until = Math.max(b.until, resetAt.getTime());
  // An answer that left the window earlier may arrive after a later one: keep the lower count.
  if (resetAt.getTime() !== b.resetAt || b.remaining === null || remaining < b.remaining) {
    b.remaining = remaining;
    b.resetAt = resetAt.getTime();
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
