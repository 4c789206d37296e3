import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";

/**
 * Throttles the start of SSO sign-ins per client address with a leaky bucket in sign_in_throttle
 * (key "sso-start:<address>"): a start adds one, a completed sign-in takes it back, and one drains
 * every LEAK_SECONDS. Past FREE pending starts the address waits. Generous, so an office behind one
 * proxy signing in at nine is never stopped; it bounds floods of half-finished flows.
 * It is separate from lib/auth/throttle.ts on purpose: that one counts failed password attempts;
 * here every start counts until it finishes, since an unfinished start is what costs (a stored flow).
 */
export const SSO_START_LIMIT = { free: 60, leakSeconds: 5 };

const key = (ip: string) => `sso-start:${ip.split(",")[0]!.trim().slice(0, 100)}`;

/** Counts one start; returns false when the address has too many unfinished starts. */
export async function allowSsoStart(db: Db, ip: string | null, now = new Date()): Promise<boolean> {
  if (!ip) return true;
  const { free, leakSeconds } = SSO_START_LIMIT;
  // One statement, so concurrent starts never lose a count; the level is capped so a flood ends.
  const rows = await db.$queryRaw<{ failures: number }[]>(Prisma.sql`
    WITH prev AS (
      SELECT failures, updated_at, FLOOR(EXTRACT(EPOCH FROM (${now}::timestamptz - updated_at)) / ${leakSeconds})::int AS drained
      FROM sign_in_throttle WHERE key = ${key(ip)}
    )
    INSERT INTO sign_in_throttle (key, failures, updated_at) VALUES (${key(ip)}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = LEAST(${free * 2}, GREATEST(0, (SELECT failures - drained FROM prev)) + 1),
      -- Keep the part of an interval that has not drained yet, so a steady trickle below the rate never builds up.
      updated_at = CASE WHEN (SELECT failures - drained FROM prev) <= 0 THEN ${now}::timestamptz
        ELSE (SELECT updated_at + make_interval(secs => drained * ${leakSeconds}) FROM prev) END
    RETURNING failures`);
  return (rows[0]?.failures ?? 0) <= free;
}

/** A finished sign-in gives its start back. */
export async function ssoStartCompleted(db: Db, ip: string | null): Promise<void> {
  if (!ip) return;
  await db.$executeRaw`UPDATE sign_in_throttle SET failures = GREATEST(0, failures - 1) WHERE key = ${key(ip)}`;
}
