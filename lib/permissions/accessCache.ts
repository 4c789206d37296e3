import type pg from "pg";
import type { SessionUser } from "@/lib/auth/session";
import {
  DATA_VERSION_OF_SLUG,
  parseKnownVersion,
  parseKnownVersions,
  type KnownVersion,
  type KnownVersions,
} from "@/lib/metrics/viewCache";
import type { VisibleAgency } from "./visibleAgencies";

export type Access = { user: SessionUser; agencies: VisibleAgency[] };
/**
 * With `slug`: the data version of the agency it names, read in the same statement (lib/metrics/viewCache.ts),
 * and — when the visible agencies were already known — the versions of all of them (a compare of many).
 */
export type AccessWithVersion = Access & { dataVersion?: KnownVersion | null; dataVersions?: KnownVersions | null };
type Entry = Access & { epoch: string; at: number };

/** After this, the session goes through better-auth again (which also extends it while it is used). */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const holder = globalThis as unknown as { __access?: Map<string, Entry> };

const CHECK = `SELECT (SELECT n FROM access_epoch WHERE id = 1)::text AS epoch,
                      EXISTS (SELECT 1 FROM auth_session WHERE token = $1 AND expires_at > now()) AS live,
                      ${DATA_VERSION_OF_SLUG("$2")} AS data_version,
                      (SELECT string_agg(agency_id::text || ':' || n, ',') FROM agency_data_version
                        WHERE agency_id = ANY($3::uuid[])) AS data_versions`;

/**
 * The agencies a session's cached entry lets it see, without checking that the entry still holds:
 * only for work started early whose result is used after cachedAccess has confirmed the same entry.
 */
export function unverifiedAgencies(cookie: string | null, now = Date.now()): VisibleAgency[] | null {
  const cached = cookie ? holder.__access?.get(cookie) : undefined;
  return cached && now - cached.at < TTL_MS ? cached.agencies : null;
}

/**
 * A session's user and visible agencies, kept per session cookie in this process so a request costs
 * one small query instead of better-auth's session lookup plus the membership query. That query
 * checks both things that could make the cached answer wrong: the session still exists (signed
 * out, revoked, expired) and nobody changed memberships, agencies or users since (access_epoch,
 * moved by triggers). So a removed member loses access at their very next request.
 * The key is the whole signed cookie that better-auth verified when the entry was made.
 * With `slug`, the same statement reads that agency's data version (one round trip, not two).
 */
export async function cachedAccess(
  cookie: string | null,
  pool: pg.Pool,
  load: () => Promise<Access | null>,
  now = Date.now(),
  slug: string | null = null,
): Promise<AccessWithVersion | null> {
  if (!cookie) return load();
  const entries = (holder.__access ??= new Map());
  const token = cookie.split(".")[0]!;
  const check = async (visible: string[] | null) =>
    (
      await pool.query<{ epoch: string; live: boolean; data_version: string | null; data_versions: string | null }>({
        // Named: each connection plans it once (planning took twice as long as running it).
        name: "access-check",
        text: CHECK,
        values: [token, slug, visible],
      })
    ).rows[0]!;
  const withVersion = (access: Access, v: string | null): AccessWithVersion =>
    slug === null ? access : { ...access, dataVersion: parseKnownVersion(v) };
  const cached: Entry | undefined = entries.get(cookie);
  if (cached && now - cached.at < TTL_MS) {
    // A versioned request also reads the versions of every agency the cached entry lets it see.
    const visible = slug === null ? null : cached.agencies.map((a) => a.id);
    const { epoch, live, data_version, data_versions } = await check(visible);
    if (!live) {
      entries.delete(cookie);
      return null;
    }
    if (epoch === cached.epoch)
      return visible
        ? { ...withVersion(cached, data_version), dataVersions: parseKnownVersions(data_versions, visible) }
        : withVersion(cached, data_version);
  }
  // The epoch is read before loading: a change made meanwhile moves it past what is stored.
  const { epoch, data_version } = await check(null);
  const access = await load();
  if (!access) {
    entries.delete(cookie);
    return null;
  }
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.delete(cookie);
  entries.set(cookie, { ...access, epoch, at: now });
  return withVersion(access, data_version);
}
