import { describe, expect, it } from "vitest";
import { addDays, isoWeek, localDay, localRange, localTimeToInstant, weekStart } from "@/lib/time";

describe("calendar helpers", () => {
  it("put an instant on the agency's local day, across the DST switch in Europe/Oslo", () => {
    // 29 March 2026: clocks go from 02:00 to 03:00 in Oslo.
    expect(localDay(new Date("2026-03-28T23:30:00Z"), "Europe/Oslo")).toBe("2026-03-29");
    expect(localDay(new Date("2026-03-29T21:59:00Z"), "Europe/Oslo")).toBe("2026-03-29");
    expect(localDay(new Date("2026-03-29T22:00:00Z"), "Europe/Oslo")).toBe("2026-03-30");
    // 25 October 2026: back from 03:00 to 02:00; local midnight is 23:00 UTC afterwards.
    expect(localDay(new Date("2026-10-25T22:59:00Z"), "Europe/Oslo")).toBe("2026-10-25");
    expect(localDay(new Date("2026-10-25T23:00:00Z"), "Europe/Oslo")).toBe("2026-10-26");
  });

  it("turn a local wall-clock time into the right instant in summer and winter", () => {
    expect(localTimeToInstant("2026-07-01", 8, 0, "Europe/Oslo").toISOString()).toBe("2026-07-01T06:00:00.000Z");
    expect(localTimeToInstant("2026-11-23", 8, 0, "Europe/Oslo").toISOString()).toBe("2026-11-23T07:00:00.000Z");
    expect(localTimeToInstant("2026-11-23", 8, 0, "Europe/Stockholm").toISOString()).toBe("2026-11-23T07:00:00.000Z");
  });

  it("start a day that begins in a DST gap at its first minute, never on the day before (America/Santiago, 6 September 2026)", () => {
    // Clocks in Chile jump from 00:00 to 01:00: the day starts at 01:00 -03 = 04:00 UTC.
    expect(localTimeToInstant("2026-09-06", 0, 0, "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
    expect(localDay(localTimeToInstant("2026-09-06", 0, 0, "America/Santiago"), "America/Santiago")).toBe("2026-09-06");
    expect(localRange("2026-09-05", "2026-09-06", "America/Santiago")).toEqual({
      start: new Date("2026-09-05T04:00:00Z"),
      end: new Date("2026-09-07T03:00:00Z"),
    });
    // Tokyo has no DST; Oslo's spring gap (02:00 → 03:00) moves 02:30 to 03:30.
    expect(localTimeToInstant("2026-03-29", 0, 0, "Asia/Tokyo").toISOString()).toBe("2026-03-28T15:00:00.000Z");
    expect(localTimeToInstant("2026-03-29", 2, 30, "Europe/Oslo").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("number ISO weeks the way Norwegian users say them, across year boundaries", () => {
    expect(isoWeek("2026-11-23")).toEqual({ year: 2026, week: 48 });
    expect(isoWeek("2026-11-22")).toEqual({ year: 2026, week: 47 });
    expect(isoWeek("2026-12-31")).toEqual({ year: 2026, week: 53 });
    expect(isoWeek("2027-01-03")).toEqual({ year: 2026, week: 53 });
    expect(isoWeek("2027-01-04")).toEqual({ year: 2027, week: 1 });
    expect(isoWeek("2024-12-30")).toEqual({ year: 2025, week: 1 });
    expect(weekStart("2027-01-01")).toBe("2026-12-28");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  });
});
