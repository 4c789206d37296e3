import { addDays, localTimeToInstant, type Day } from "@/lib/time";

/** The instants [start, end) covering local days `from`..`to` (inclusive) in an agency's time zone. */
export function localRange(from: Day, to: Day, timeZone: string): { start: Date; end: Date } {
  return { start: localTimeToInstant(from, 0, 0, timeZone), end: localTimeToInstant(addDays(to, 1), 0, 0, timeZone) };
}
