/**
 * One row per key, later rows winning field by field (an absent or null field keeps the earlier
 * value). A batch may repeat an item (overlapping pages, a retried fetch), and PostgreSQL refuses
 * an upsert that touches the same row twice in one statement. A batch without repeats — nearly
 * all of them — is returned as it is, without building a merged object per row.
 */
export function mergePerKey<T extends object>(rows: T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  for (const row of rows) {
    const k = key(row);
    if (seen.has(k)) return merge(rows, key);
    seen.add(k);
  }
  return rows;
}

function merge<T extends object>(rows: T[], key: (row: T) => string): T[] {
  const merged = new Map<string, T>();
  for (const row of rows) {
    const k = key(row);
    const known = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined));
    merged.set(k, { ...(merged.get(k) ?? row), ...known } as T);
  }
  return [...merged.values()];
}
