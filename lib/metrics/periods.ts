import { addDays, daysBetween, weekStart, type Day } from "@/lib/time";
import { bucketStarts, type Bucket } from "@/lib/queries/buckets";

/** A stretch of the agency's local calendar days, both ends included. */
export type Period = { from: Day; to: Day };

function addMonths(day: Day, n: number): Day {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const month = y * 12 + (m - 1) + n;
  const last = new Date(Date.UTC(Math.floor(month / 12), (month % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * The period a period's change is measured from: one bucket (day, week, month) before it for a
 * bucket of a series, otherwise the same number of days just before it.
 */
export function previousPeriod(p: Period, bucket?: Bucket): Period {
  const to = addDays(p.from, -1);
  if (bucket === "day") return { from: to, to };
  if (bucket === "week") return { from: addDays(p.from, -7), to };
  if (bucket === "month") return { from: addMonths(p.from, -1), to };
  return { from: addDays(p.from, -(daysBetween(p.from, p.to) + 1)), to };
}

/** The buckets of a series, each clipped to the range (the first and last may be part buckets). */
export function bucketPeriods(range: Period, bucket: Bucket): (Period & { start: Day })[] {
  const starts = bucketStarts(range.from, range.to, bucket);
  return starts.map((start, i) => {
    const next = starts[i + 1];
    return { start, from: start < range.from ? range.from : start, to: next && addDays(next, -1) < range.to ? addDays(next, -1) : range.to };
  });
}

/**
 * Like with like for the running ISO week: the days of this week so far, the same weekdays of
 * last week, and all of last week (a complete week, labelled as such).
 */
export function weekPeriods(today: Day) {
  const thisWeek = weekStart(today);
  const lastWeek = addDays(thisWeek, -7);
  const soFar = daysBetween(thisWeek, today);
  return {
    thisWeekSoFar: { from: thisWeek, to: today },
    sameDaysLastWeek: { from: lastWeek, to: addDays(lastWeek, soFar) },
    lastWeek: { from: lastWeek, to: addDays(thisWeek, -1) },
    daysSoFar: soFar + 1,
  };
}
