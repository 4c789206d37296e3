import { addDays, isoWeek, localDay, localTimeToInstant, weekStart, type Day } from "@/lib/time";

export type ReportWeek = { year: number; week: number; start: Day; end: Day; from: Date; to: Date };

/** The ISO week starting on `start` (a Monday), with its instants in the agency's time zone. */
export function reportWeek(start: Day, timeZone: string): ReportWeek {
  const { year, week } = isoWeek(start);
  return {
    year,
    week,
    start,
    end: addDays(start, 6),
    from: localTimeToInstant(start, 0, 0, timeZone),
    to: localTimeToInstant(addDays(start, 7), 0, 0, timeZone),
  };
}

/** The last complete ISO week before `now`, in the agency's time zone. */
export function previousWeek(now: Date, timeZone: string): ReportWeek {
  return reportWeek(addDays(weekStart(localDay(now, timeZone)), -7), timeZone);
}

/** The report week of ISO week `week` of ISO year `year` (week 1 holds 4 January). */
export function isoReportWeek(year: number, week: number, timeZone: string): ReportWeek {
  const jan4 = `${year}-01-04`;
  return reportWeek(addDays(weekStart(jan4), 7 * (week - 1)), timeZone);
}
