import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { addDays, daysBetween, type Day } from "@/lib/time";
import { BREAK_AFTER_DAYS, knownUntilDaily } from "./definitions";
import type { Metric, Series } from "./engine";
import type { Period } from "./periods";

/**
 * What interrupts a series, so a chart, its table, its CSV and the e-mail can say so instead of
 * showing a silent zero or a line across the gap:
 * - `series_break`: the platform stopped reporting the metric while collection went on (the
 *   engine's knownUntil / LAST_COLLECTED_DAY / BREAK_AFTER_DAYS rule); `before` when it stopped
 *   before the period (then the whole period lacks it);
 * - `metric_resumed`: the metric is known again after buckets without it while collection went on
 *   (a platform that renamed a metric: figures before and after may not be comparable);
 * - `collection_gap`: days of a bucket without a collected row (the engine's COLLECTED_DAYS), after
 *   the channel's first collected day — today, still being collected, is not a gap;
 * - `interrupted`: a collection run that died before finishing (collection_run outcome);
 * - `reconnected`: a channel's access was saved anew (audit event `credential_saved`).
 * Each event carries the index of the bucket it belongs to.
 */
export type SeriesEvent = {
  kind: "series_break" | "metric_resumed" | "collection_gap" | "interrupted" | "reconnected";
  accountId: string;
  day: Day;
  bucket: number;
  metric?: Metric;
  before?: boolean;
  days?: number;
};

/** What a series view needs to find its events: the metrics it shows, today and the agency's time zone. */
export type EventsWanted = { metrics: Metric[]; today: Day; timeZone: string };

function bucketOf(buckets: Day[], day: Day): number {
  let i = 0;
  while (i + 1 < buckets.length && buckets[i + 1]! <= day) i++;
  return i;
}

export async function seriesEvents(
  db: Db,
  series: Series,
  range: { from: Day; to: Day },
  metrics: Metric[],
  today: Day,
  timeZone: string,
): Promise<SeriesEvent[]> {
  const events: SeriesEvent[] = [];
  const { buckets } = series;
  // The days of each bucket, counted once (every channel's figures of a bucket share its period).
  const dayCounts = new Map<Period, number>();
  const daysOf = (p: Period) => {
    let n = dayCounts.get(p);
    if (n === undefined) dayCounts.set(p, (n = daysBetween(p.from, p.to) + 1));
    return n;
  };
  for (const c of series.channels) {
    const seen = new Set<string>();
    for (const b of [c.total, ...c.values].flatMap((f) => f.breaks)) {
      if (!metrics.includes(b.metric) || seen.has(`${b.metric}/${b.lastKnown}`)) continue;
      seen.add(`${b.metric}/${b.lastKnown}`);
      const after = addDays(b.lastKnown, 1);
      events.push({
        kind: "series_break",
        accountId: c.accountId,
        metric: b.metric,
        day: b.lastKnown,
        before: after < range.from,
        bucket: after < range.from ? 0 : bucketOf(buckets, after),
      });
    }
    let collectedBefore = false;
    c.values.forEach((v, i) => {
      const from = v.period.from;
      const to = v.period.to;
      const days = daysOf(v.period);
      const missing = v.missingDays - (to >= today ? 1 : 0);
      if (missing > 0 && (collectedBefore || v.missingDays < days))
        events.push({ kind: "collection_gap", accountId: c.accountId, day: from, days: missing, bucket: i });
      if (v.missingDays < days) collectedBefore = true;
    });
  }
  const ids = series.channels.map((c) => c.accountId);
  if (ids.length === 0) return events;
  // A metric that stopped long before the range is in neither the range nor the stretch compared
  // with it: its last known day is looked up before the range, by the same definition (knownUntil).
  const collected = (v: Series["channels"][number]["values"][number]) => v.missingDays < daysOf(v.period);
  const valueOf = (v: Series["channels"][number]["values"][number], metric: Metric) =>
    metric === "audience" ? v.audience : v[metric];
  for (const metric of metrics) {
    for (const c of series.channels) {
      if (!c.values.some((v) => valueOf(v, metric) !== null)) continue;
      let unknownSince: number | null = null;
      c.values.forEach((v, i) => {
        if (!collected(v)) return;
        if (valueOf(v, metric) === null) unknownSince ??= i;
        else {
          if (unknownSince !== null)
            events.push({ kind: "metric_resumed", accountId: c.accountId, metric, day: v.period.from, bucket: i });
          unknownSince = null;
        }
      });
    }
    // Unknown at the start of the range while collected: it may have stopped before the range.
    const silent = series.channels.filter((c) => {
      const first = c.values.find(collected);
      return (
        first !== undefined &&
        valueOf(first, metric) === null &&
        !events.some((e) => e.kind === "series_break" && e.accountId === c.accountId && e.metric === metric)
      );
    });
    if (silent.length === 0) continue;
    const known = await db.$queryRaw<{ account_id: string; known: string | null }[]>(Prisma.sql`
      SELECT m.account_id, ${knownUntilDaily(metric)}::text AS known FROM account_daily_metric m
      WHERE m.agency_id = ANY(${[...new Set(silent.map((c) => c.agencyId))]}::uuid[]) AND m.account_id = ANY(${silent.map((c) => c.accountId)}::uuid[]) AND m.day < ${range.from}::date
      GROUP BY m.account_id`);
    for (const k of known) {
      if (k.known && daysBetween(k.known, range.from) >= BREAK_AFTER_DAYS)
        events.push({ kind: "series_break", accountId: k.account_id, metric, day: k.known, before: true, bucket: 0 });
    }
  }
  // Interrupted runs and reconnections are independent: one round trip for both.
  const agencyIds = [...new Set(series.channels.map((c) => c.agencyId))];
  const [runs, saved] = await Promise.all([
    db.$queryRaw<{ account_id: string; day: string }[]>(Prisma.sql`
    SELECT DISTINCT account_id, (started_at AT TIME ZONE ${timeZone})::date::text AS day FROM collection_run
    WHERE account_id = ANY(${ids}::uuid[]) AND outcome = 'interrupted'
      AND (started_at AT TIME ZONE ${timeZone})::date BETWEEN ${range.from}::date AND ${range.to}::date`),
    db.$queryRaw<{ target: string; day: string }[]>(Prisma.sql`
    SELECT DISTINCT target, (at AT TIME ZONE ${timeZone})::date::text AS day FROM audit_event
    WHERE agency_id = ANY(${agencyIds}::uuid[]) AND action = 'credential_saved'
      AND (at AT TIME ZONE ${timeZone})::date BETWEEN ${range.from}::date AND ${range.to}::date`),
  ]);
  for (const r of runs)
    events.push({ kind: "interrupted", accountId: r.account_id, day: r.day, bucket: bucketOf(buckets, r.day) });
  const handles = new Map(series.channels.map((c) => [`${c.platform}:${c.handle}`, c.accountId]));
  for (const s of saved) {
    const accountId = handles.get(s.target);
    if (accountId) events.push({ kind: "reconnected", accountId, day: s.day, bucket: bucketOf(buckets, s.day) });
  }
  return events;
}
