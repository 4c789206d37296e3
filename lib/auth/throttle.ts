import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";

/**
 * Sign-in throttling by failures, not by attempts: each key ("account:<email>", "address:<ip>") has a
 * leaky bucket of failures. Past `free` failures a key is blocked with exponential back-off
 * (base·2ⁿ, capped). Successful sign-ins never count, and clear the account's bucket. The address
 * allows far more failures than an account, so an office of hundreds behind one proxy is not locked
 * out by a few typos, while guessing one person's password is slowed down from anywhere.
 * Reusable for anything keyed the same way (e.g. the start of an SSO sign-in).
 */
export type ThrottleKind = "account" | "address";

export const THROTTLE: Record<
  ThrottleKind,
  { free: number; leakSeconds: number; baseSeconds: number; maxSeconds: number }
> = {
  // 5 free failures; one more every 10 minutes; then 30 s, 60 s, … up to 15 minutes.
  account: { free: 5, leakSeconds: 600, baseSeconds: 30, maxSeconds: 15 * 60 },
  // 60 free failures from one address, one more every 10 s (360 an hour); then 10 s, 20 s, … up to 5 minutes.
  address: { free: 60, leakSeconds: 10, baseSeconds: 10, maxSeconds: 5 * 60 },
};

export type ThrottleKey = { kind: ThrottleKind; value: string };

export function throttleKeys(input: { email?: string | null; ip?: string | null }): ThrottleKey[] {
  const keys: ThrottleKey[] = [];
  const email = input.email?.trim().toLowerCase().slice(0, 200);
  if (email) keys.push({ kind: "account", value: email });
  const ip = input.ip?.split(",")[0]?.trim().slice(0, 100);
  if (ip) keys.push({ kind: "address", value: ip });
  return keys;
}

const id = (k: ThrottleKey) => `${k.kind}:${k.value}`;

/** Whether any key is blocked now, and for how many more seconds (for Retry-After). */
export async function checkThrottle(
  db: Db,
  keys: ThrottleKey[],
  now = new Date(),
): Promise<{ blocked: false } | { blocked: true; retryAfterSeconds: number }> {
  if (keys.length === 0) return { blocked: false };
  const rows = await db.signInThrottle.findMany({
    where: { key: { in: keys.map(id) }, blockedUntil: { gt: now } },
    select: { blockedUntil: true },
  });
  if (rows.length === 0) return { blocked: false };
  const until = Math.max(...rows.map((r) => r.blockedUntil!.getTime()));
  return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

/** Counts one failure on each key (after leaking what time has drained) and blocks keys past their free failures. */
export async function recordFailure(db: Db, keys: ThrottleKey[], now = new Date()): Promise<void> {
  for (const k of keys) {
    const { free, leakSeconds, baseSeconds, maxSeconds } = THROTTLE[k.kind];
    // :TRICKY: one statement per key, so concurrent failures never lose a count.
    await db.$executeRaw(Prisma.sql`
      WITH level AS (
        SELECT GREATEST(0, t.failures - FLOOR(EXTRACT(EPOCH FROM (${now}::timestamptz - t.updated_at)) / ${leakSeconds}))::int + 1 AS n
        FROM sign_in_throttle t WHERE t.key = ${id(k)}
      )
      INSERT INTO sign_in_throttle (key, failures, blocked_until, updated_at)
      VALUES (${id(k)}, 1, ${free < 1 ? new Date(now.getTime() + baseSeconds * 1000) : null}, ${now})
      ON CONFLICT (key) DO UPDATE SET
        failures = (SELECT n FROM level),
        blocked_until = CASE WHEN (SELECT n FROM level) > ${free}
          THEN ${now}::timestamptz + make_interval(secs => LEAST(${maxSeconds}::float8, ${baseSeconds}::float8 * power(2, LEAST(30, (SELECT n FROM level) - ${free} - 1))))
          ELSE sign_in_throttle.blocked_until END,
        updated_at = ${now}`);
  }
}

/** Forgets the failures of these keys (a successful sign-in clears its account's key). */
export async function clearThrottle(db: Db, keys: ThrottleKey[]): Promise<void> {
  if (keys.length) await db.signInThrottle.deleteMany({ where: { key: { in: keys.map(id) } } });
}
