import type pg from "pg";

type Entry = { version: string; value: unknown; size: number };
type Entries = { byKey: Map<string, Entry>; size: number };

/**
 * What the answers kept per process may weigh together (their JSON text's length; 1 kB for any other
 * value) and how many they may be: beyond either the least recently used go. A 5-year daily growth of
 * 40 channels is ~3 MB of JSON.
 */
const MAX_SIZE = 64 * 1024 * 1024;
const MAX_ENTRIES = 2_000;
const OTHER_SIZE = 1_024;
const holder = globalThis as unknown as { __viewCache?: WeakMap<pg.Pool, Entries> };

/**
 * The data version of some agencies: their counters in agency_data_version, which triggers move on
 * every write to their channels (account) or daily figures (account_daily_metric). An agency never
 * written since the counters exist has none; its first write adds one, which changes the version too.
 */
export async function dataVersion(pool: pg.Pool, agencyIds: string[]): Promise<string> {
  const { rows } = await pool.query<{ v: string }>({
    name: "data-version",
    text: `SELECT coalesce(string_agg(agency_id::text || ':' || n, ',' ORDER BY agency_id), '') AS v
           FROM agency_data_version WHERE agency_id = ANY($1::uuid[])`,
    values: [agencyIds],
  });
  return rows[0]!.v;
}

/**
 * The data version of the agency a slug names (`<agency id>|<version>`), as a scalar subquery with
 * the slug as parameter `param`: the request's access check reads it in the same statement.
 */
export const DATA_VERSION_OF_SLUG = (param: string) =>
  `(SELECT a.id::text || '|' || coalesce(a.id::text || ':' || v.n, '')
    FROM agency a LEFT JOIN agency_data_version v ON v.agency_id = a.id WHERE a.slug = ${param})`;

export function parseKnownVersion(v: string | null): KnownVersion | null {
  if (!v) return null;
  const i = v.indexOf("|");
  return { agencyId: v.slice(0, i), version: v.slice(i + 1) };
}

export type KnownVersion = { agencyId: string; version: string };

/** The data versions of some agencies (`covered`), read earlier with the access check; an agency without a counter has none. */
export type KnownVersions = { covered: Set<string>; n: Map<string, string> };

/** `agency id:counter` pairs as the access check reads them (string_agg over agency_data_version), for `covered` agencies. */
export function parseKnownVersions(pairs: string | null, covered: string[]): KnownVersions {
  const n = new Map<string, string>();
  for (const pair of pairs ? pairs.split(",") : []) {
    const i = pair.indexOf(":");
    n.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return { covered: new Set(covered), n };
}

/** The version string `dataVersion` would read, from versions read earlier; null when they do not cover every agency. */
function versionFrom(known: KnownVersions, agencyIds: string[]): string | null {
  if (!agencyIds.every((id) => known.covered.has(id))) return null;
  return [...agencyIds]
    .sort()
    .filter((id) => known.n.has(id))
    .map((id) => `${id}:${known.n.get(id)}`)
    .join(",");
}

/**
 * A view's answer reused while the data it reads is unchanged: kept per (view, agencies, arguments)
 * beside the data version it was computed at, and computed again when the version has moved. Only
 * for views that read nothing but the agencies' channels and daily figures and whose arguments are
 * all in `args` (the day "today" included). The returned value is shared: callers must not change it.
 * `known`: the version of a single agency read earlier (still before computing) with the access check;
 * `knownMany`: those of several agencies, read the same way (a view of several agencies then needs no
 * statement of its own to learn their version).
 */
export async function cachedView<T>(
  pool: pg.Pool,
  view: { name: string; agencyIds: string[]; args: string },
  compute: () => Promise<T>,
  known?: KnownVersion | null,
  knownMany?: KnownVersions | null,
): Promise<T> {
  const caches = (holder.__viewCache ??= new WeakMap());
  let entries = caches.get(pool);
  if (!entries) caches.set(pool, (entries = { byKey: new Map(), size: 0 }));
  const key = `${view.name}|${view.agencyIds.join(",")}|${view.args}`;
  // :TRICKY: the version is read before computing. A write committed meanwhile moves the counter
  // past what is stored with the answer, so an answer is never kept under a version newer than its data.
  const version =
    known && view.agencyIds.length === 1 && view.agencyIds[0] === known.agencyId
      ? known.version
      : ((knownMany && versionFrom(knownMany, view.agencyIds)) ?? (await dataVersion(pool, view.agencyIds)));
  const hit = entries.byKey.get(key);
  if (hit && hit.version === version) {
    entries.byKey.delete(key);
    entries.byKey.set(key, hit);
    return hit.value as T;
  }
  const value = await compute();
  const size = typeof value === "string" ? value.length : OTHER_SIZE;
  forget(entries, key);
  if (size > MAX_SIZE) return value;
  while (entries.size + size > MAX_SIZE || entries.byKey.size >= MAX_ENTRIES)
    forget(entries, entries.byKey.keys().next().value!);
  entries.byKey.set(key, { version, value, size });
  entries.size += size;
  return value;
}

function forget(entries: Entries, key: string) {
  const entry = entries.byKey.get(key);
  if (!entry) return;
  entries.byKey.delete(key);
  entries.size -= entry.size;
}
