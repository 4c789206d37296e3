import { TZDate } from "@date-fns/tz";

/** Calendar helpers. A "day" is an ISO date string (YYYY-MM-DD) in some agency's time zone. */

export type Day = string;

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The local calendar day of an instant in an IANA time zone (handles DST). */
export function localDay(instant: Date, timeZone: string): Day {
  let fmt = dayFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, fmt);
  }
  return fmt.format(instant);
}

/** A day as the UTC-midnight Date that Prisma expects for `@db.Date` columns. */
export function dayToDate(day: Day): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function dateToDay(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

// :TRICKY: the metric engine does this arithmetic tens of thousands of times per view: a well-formed
// day is taken apart by position (Date.UTC), since parsing the text as a date costs several times more.
// Anything else goes the way of dayToDate and is as valid or invalid as it is there.
const WELL_FORMED = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
function utcMs(day: Day): number {
  if (!WELL_FORMED.test(day)) return dayToDate(day).getTime();
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

export function addDays(day: Day, n: number): Day {
  const d = new Date(utcMs(day) + n * 86_400_000);
  const y = d.getUTCFullYear();
  // Four-digit years by hand (toISOString is the slow part); the rest, and an invalid day, as before.
  if (!(y >= 1000 && y <= 9999)) return dateToDay(d);
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return `${y}-${m < 10 ? "0" : ""}${m}-${dd < 10 ? "0" : ""}${dd}`;
}

export function daysBetween(from: Day, to: Day): number {
  return Math.round((utcMs(to) - utcMs(from)) / 86_400_000);
}

/** ISO 8601 week-numbering year and week ("uke 47"). */
export function isoWeek(day: Day): { year: number; week: number } {
  const d = dayToDate(day);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - weekday + 3); // Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  return { year, week: 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000)) };
}

/** Monday of the ISO week containing `day`. */
export function weekStart(day: Day): Day {
  return addDays(day, -((dayToDate(day).getUTCDay() + 6) % 7));
}

/**
 * The instant at which the wall clock in `timeZone` shows `day` at hh:mm. Time-zone rules come from
 * @date-fns/tz: a wall time that does not exist (a DST gap, e.g. midnight in America/Santiago on
 * 6 September 2026) moves forward to the first existing minute, so a day never starts the day before.
 */
export function localTimeToInstant(day: Day, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hour, minute, timeZone).getTime());
}

/** The instants [start, end) covering local days `from`..`to` (inclusive) in a time zone. */
export function localRange(from: Day, to: Day, timeZone: string): { start: Date; end: Date } {
  return { start: localTimeToInstant(from, 0, 0, timeZone), end: localTimeToInstant(addDays(to, 1), 0, 0, timeZone) };
}
