import type pg from "pg";
import type { SessionUser } from "@/lib/auth/session";
import type { VisibleAgency } from "./visibleAgencies";

export type Access = { user: SessionUser; agencies: VisibleAgency[] };
type Entry = Access & { epoch: string; at: number };

/** After this, the session goes through better-auth again (which also extends it while it is used). */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const holder = globalThis as unknown as { __access?: Map<string, Entry> };

const CHECK = `SELECT (SELECT n FROM access_epoch WHERE id = 1)::text AS epoch,
                      EXISTS (SELECT 1 FROM auth_session WHERE token = $1 AND expires_at > now()) AS live`;

/**
 * A session's user and visible agencies, kept per session cookie in this process so a request costs
 * one small query instead of better-auth's session lookup plus the membership query. That query
 * checks both things that could make the cached answer wrong: the session still exists (signed
 * out, revoked, expired) and nobody changed memberships, agencies or users since (access_epoch,
 * moved by triggers). So a removed member loses access at their very next request.
 * The key is the whole signed cookie that better-auth verified when the entry was made.
 */
export async function cachedAccess(
  cookie: string | null,
  pool: pg.Pool,
  load: () => Promise<Access | null>,
  now = Date.now(),
): Promise<Access | null> {
  if (!cookie) return load();
  const entries = (holder.__access ??= new Map());
  const token = cookie.split(".")[0]!;
  const check = async () => (await pool.query<{ epoch: string; live: boolean }>(CHECK, [token])).rows[0]!;
  const cached = entries.get(cookie);
  if (cached && now - cached.at < TTL_MS) {
    const { epoch, live } = await check();
    if (!live) {
      entries.delete(cookie);
      return null;
    }
    if (epoch === cached.epoch) return cached;
  }
  // The epoch is read before loading: a change made meanwhile moves it past what is stored.
  const { epoch } = await check();
  const access = await load();
  if (!access) {
    entries.delete(cookie);
    return null;
  }
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.delete(cookie);
  entries.set(cookie, { ...access, epoch, at: now });
  return access;
}
