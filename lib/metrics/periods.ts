import { addDays, daysBetween, weekStart, type Day } from "@/lib/time";
import { bucketStarts, type Bucket } from "@/lib/queries/buckets";

/** A stretch of the agency's local calendar days, both ends included. */
export type Period = { from: Day; to: Day };

export function addMonths(day: Day, n: number): Day {
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
    return {
      start,
      from: start < range.from ? range.from : start,
      to: next && addDays(next, -1) < range.to ? addDays(next, -1) : range.to,
    };
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

/** The first day of the calendar quarter of a day. */
export function quarterStart(day: Day): Day {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, "0")}-01`;
}

/** Calendar presets: this quarter (so far), last quarter, year to date, last year. */
export const CALENDAR_PRESETS = ["quarter", "lastQuarter", "ytd", "lastYear"] as const;
export type CalendarPreset = (typeof CALENDAR_PRESETS)[number];

export function calendarPeriod(preset: CalendarPreset, today: Day): Period {
  const q = quarterStart(today);
  const year = today.slice(0, 4);
  switch (preset) {
    case "quarter":
      return { from: q, to: today };
    case "lastQuarter":
      return { from: addMonths(q, -3), to: addDays(q, -1) };
    case "ytd":
      return { from: `${year}-01-01`, to: today };
    case "lastYear":
      return { from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` };
  }
}

export const COMPARE_MODES = ["previous", "year"] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

/**
 * A period set beside another: `current` is the chosen period as compared (its complete days only),
 * `other` the period it is compared with, of the same kind. `partial` says that a part period
 * (this quarter so far, year to date, a range reaching today) is compared with the same part of the
 * other period — never with a whole one.
 */
export type Comparison = {
  mode: CompareMode;
  current: Period;
  other: Period;
  partial: boolean;
  days: number;
  otherDays: number;
  todayLeftOut: boolean;
};

/**
 * The comparison of a period. Today is not finished, so a period reaching today is compared on its
 * complete days (up to yesterday), against as many days of the other period. Calendar presets are
 * compared calendar-wise: a quarter with the quarter before (or the same quarter last year), a
 * year with the year before; a part quarter or year to date with the same days of that period.
 * Other ranges: the equally long stretch just before, or the same dates a year earlier. Null when
 * the period has no complete day yet (today only).
 */
export function comparisonPeriod(period: Period, preset: string, mode: CompareMode, today: Day): Comparison | null {
  const todayLeftOut = period.to >= today;
  const to = todayLeftOut ? addDays(today, -1) : period.to;
  if (to < period.from) return null;
  const current = { from: period.from, to };
  const days = daysBetween(current.from, current.to) + 1;
  const calendar = (CALENDAR_PRESETS as readonly string[]).includes(preset);
  let other: Period;
  if (mode === "year") {
    other = { from: addMonths(current.from, -12), to: yearBefore(current.to) };
  } else if (calendar) {
    const from = addMonths(period.from, preset === "quarter" || preset === "lastQuarter" ? -3 : -12);
    const wholeTo = addDays(period.from, -1);
    // A whole calendar period against the whole one before; a part one against as many of its first days.
    other = todayLeftOut ? { from, to: minDay(addDays(from, days - 1), wholeTo) } : { from, to: wholeTo };
  } else {
    other = previousPeriod(current);
  }
  return {
    mode,
    current,
    other,
    partial: todayLeftOut,
    days,
    otherDays: daysBetween(other.from, other.to) + 1,
    todayLeftOut,
  };
}

const minDay = (a: Day, b: Day) => (a < b ? a : b);

/** The same day a year earlier; a month's last day stays a month's last day (28 February 2025 → 29 February 2024). */
function yearBefore(day: Day): Day {
  const next = addDays(day, 1);
  return next.endsWith("-01") ? addDays(addMonths(next, -12), -1) : addMonths(day, -12);
}

/**
 * A piece of a period as the engine reads it: a single day (grain 0, the daily rows), a whole ISO
 * week (1) or a whole calendar month (2) (the rollups of lib/metrics/definitions.ts PARTIALS).
 */
export type Piece = { grain: 0 | 1 | 2; start: Day };

const firstOfNextMonth = (day: Day): Day => addMonths(`${day.slice(0, 7)}-01`, 1);

/**
 * A period cut into the fewest pieces: whole months where they fit, whole weeks where they fit
 * (never across the start of a month that fits whole), single days at the ends.
 */
export function periodPieces(p: Period): Piece[] {
  const out: Piece[] = [];
  let d = p.from;
  while (d <= p.to) {
    const nextMonth = firstOfNextMonth(d);
    if (d.endsWith("-01") && addDays(nextMonth, -1) <= p.to) {
      out.push({ grain: 2, start: d });
      d = nextMonth;
      continue;
    }
    const weekEnd = addDays(d, 6);
    const monthFitsInside = nextMonth <= weekEnd && addDays(firstOfNextMonth(nextMonth), -1) <= p.to;
    if (weekStart(d) === d && weekEnd <= p.to && !monthFitsInside) {
      out.push({ grain: 1, start: d });
      d = addDays(d, 7);
      continue;
    }
    out.push({ grain: 0, start: d });
    d = addDays(d, 1);
  }
  return out;
}
