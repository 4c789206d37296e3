import { beforeAll, describe, expect, it } from "vitest";
import { FilterSchema } from "@/lib/dashboard/filters";
import { parseTypedDay } from "@/lib/dashboard/dates";
import { upsertDailyMetrics, type DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import { aggregate } from "@/lib/metrics/engine";
import { calendarPeriod, comparisonPeriod } from "@/lib/metrics/periods";
import { buildScope } from "@/lib/metrics/scope";
import { getPeriodComparison } from "@/lib/queries/getPeriodComparison";
import { addDays, daysBetween, type Day } from "@/lib/time";
import { useTestDatabase } from "../helpers/testDb";

describe("period presets", () => {
  it("this quarter runs from the quarter's first day to today; last quarter is the whole quarter before", () => {
    expect(calendarPeriod("quarter", "2026-11-26")).toEqual({ from: "2026-10-01", to: "2026-11-26" });
    expect(calendarPeriod("lastQuarter", "2026-11-26")).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(calendarPeriod("lastQuarter", "2026-02-10")).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    expect(calendarPeriod("ytd", "2026-11-26")).toEqual({ from: "2026-01-01", to: "2026-11-26" });
    expect(calendarPeriod("lastYear", "2026-01-01")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
  });
});

describe("comparison periods", () => {
  const today: Day = "2026-11-26";
  it("a whole quarter is compared with the whole quarter before, or the same quarter last year", () => {
    const q = calendarPeriod("lastQuarter", today);
    expect(comparisonPeriod(q, "lastQuarter", "previous", today)).toMatchObject({
      current: q,
      other: { from: "2026-04-01", to: "2026-06-30" },
      partial: false,
      days: 92,
      otherDays: 91,
    });
    expect(comparisonPeriod(q, "lastQuarter", "year", today)).toMatchObject({
      other: { from: "2025-07-01", to: "2025-09-30" },
      partial: false,
    });
  });
  it("a part quarter is compared on its complete days with as many first days of the quarter before, never with the whole of it", () => {
    const c = comparisonPeriod(calendarPeriod("quarter", today), "quarter", "previous", today)!;
    expect(c.current).toEqual({ from: "2026-10-01", to: "2026-11-25" });
    expect(c.other).toEqual({ from: "2026-07-01", to: "2026-08-25" });
    expect(c).toMatchObject({ partial: true, todayLeftOut: true, days: 56, otherDays: 56 });
  });
  it("year to date is compared with the same days of last year, whichever mode", () => {
    const ytd = calendarPeriod("ytd", today);
    for (const mode of ["previous", "year"] as const) {
      expect(comparisonPeriod(ytd, "ytd", mode, today)).toMatchObject({
        current: { from: "2026-01-01", to: "2026-11-25" },
        other: { from: "2025-01-01", to: "2025-11-25" },
        partial: true,
      });
    }
  });
  it("last year is compared with the year before it", () => {
    expect(comparisonPeriod(calendarPeriod("lastYear", today), "lastYear", "previous", today)!.other).toEqual({
      from: "2024-01-01",
      to: "2024-12-31",
    });
  });
  it("a rolling range is compared with the equally long stretch just before it, or the same dates last year", () => {
    const r = { from: "2026-03-01", to: "2026-03-31" };
    expect(comparisonPeriod(r, "custom", "previous", today)!.other).toEqual({ from: "2026-01-29", to: "2026-02-28" });
    // The last day of February stays the month's last day in a leap year.
    expect(comparisonPeriod({ from: "2025-02-01", to: "2025-02-28" }, "custom", "year", today)!.other).toEqual({
      from: "2024-02-01",
      to: "2024-02-29",
    });
  });
  it("a range of only today has no complete day to compare", () => {
    expect(comparisonPeriod({ from: today, to: today }, "custom", "previous", today)).toBeNull();
  });
  it("the scope's today follows the agency's clock across the DST switch, and the compared stretches are equally many days", async () => {
    // 29 March 2026 00:30 in Oslo is 28 March 23:30 UTC (clocks go forward at 02:00 that night).
    const filters = FilterSchema.parse({ range: "7d", compare: "previous" });
    const agency = { id: "00000000-0000-4000-8000-000000000000", slug: "x", name: "X", timeZone: "Europe/Oslo" };
    const { scope } = await buildScope({} as never, agency, filters, new Date("2026-03-28T23:30:00Z"));
    expect(scope.today).toBe("2026-03-29");
    expect(scope.comparison).toMatchObject({
      current: { from: "2026-03-23", to: "2026-03-28" },
      other: { from: "2026-03-17", to: "2026-03-22" },
      days: 6,
      otherDays: 6,
      partial: true,
    });
    const autumn = await buildScope(
      {} as never,
      agency,
      FilterSchema.parse({ from: "19.10.2026", to: "25.10.2026", compare: "year" }),
      new Date("2026-11-26T12:00:00Z"),
    );
    expect(autumn.scope.comparison).toMatchObject({
      current: { from: "2026-10-19", to: "2026-10-25" },
      other: { from: "2025-10-19", to: "2025-10-25" },
      partial: false,
    });
  });
  it("rejects a comparison mode it does not know", () => {
    expect(FilterSchema.safeParse({ compare: "decade" }).success).toBe(false);
  });
});

describe("typed dates", () => {
  it("reads the agency's formats and refuses days that do not exist", () => {
    expect(parseTypedDay("23.11.2026")).toBe("2026-11-23");
    expect(parseTypedDay("1/2/2026")).toBe("2026-02-01");
    expect(parseTypedDay("2026-11-23")).toBe("2026-11-23");
    expect(parseTypedDay("31.02.2026")).toBeNull();
    expect(parseTypedDay("11/23/2026")).toBeNull();
    expect(FilterSchema.safeParse({ from: "31.02.2026", to: "01.03.2026" }).success).toBe(false);
  });
});

describe("comparison figures", () => {
  const t = useTestDatabase();
  let agencyId: string;
  let a: string;
  let b: string;
  const START: Day = "2025-01-01";
  const END: Day = "2026-11-25";
  const impressions = (d: Day) => 100 + (daysBetween(START, d) % 7) * 10;

  beforeAll(async () => {
    agencyId = (await t.db.agency.create({ data: { slug: "etat", name: "Etaten", timeZone: "Europe/Oslo" } })).id;
    a = (await t.db.account.create({ data: { agencyId, platform: "twitter", handle: "a", displayName: "A" } })).id;
    b = (await t.db.account.create({ data: { agencyId, platform: "facebook", handle: "b", displayName: "B" } })).id;
    const rows: DailyMetricInput[] = [];
    for (let d = START; d <= END; d = addDays(d, 1)) {
      rows.push({
        agencyId,
        accountId: a,
        day: d,
        followers: 1000 + daysBetween(START, d),
        impressions: impressions(d),
        repliesReceived: 2,
        postsPublished: 1,
      });
      rows.push({
        agencyId,
        accountId: b,
        day: d,
        followers: 500,
        impressions: 50,
        reach: 40,
        repliesReceived: 1,
        postsPublished: 1,
      });
    }
    await upsertDailyMetrics(t.db, rows);
  });

  it("both periods are the engine's figures for those periods, and the change is their difference", async () => {
    const c = comparisonPeriod(calendarPeriod("quarter", "2026-11-26"), "quarter", "year", "2026-11-26")!;
    const result = await getPeriodComparison(t.db, { agencyIds: [agencyId] }, c);
    let sumNow = 0;
    let sumThen = 0;
    for (let d = c.current.from; d <= c.current.to; d = addDays(d, 1)) sumNow += impressions(d) + 50;
    for (let d = c.other.from; d <= c.other.to; d = addDays(d, 1)) sumThen += impressions(d) + 50;
    const imp = result.total.values.impressions;
    expect(imp.current).toBe(sumNow);
    expect(imp.other).toBe(sumThen);
    expect(imp.change).toBe(sumNow - sumThen);
    expect(result.total.values.audience.current).toBe(1000 + daysBetween(START, c.current.to) + 500);
    expect(result.total.values.audience.other).toBe(1000 + daysBetween(START, c.other.to) + 500);
    expect(result.total.values.replies).toMatchObject({
      current: 3 * c.days,
      other: 3 * c.otherDays,
      change: 0,
      changeShare: 0,
    });
    // Reach is never added across channels, but each channel keeps its own.
    expect(result.total.values.reach.current).toBeNull();
    expect(result.groups.find((g) => g.key === b)!.values.reach.current).toBe(40 * c.days);
    const direct = await aggregate(t.db, { agencyIds: [agencyId], accountIds: [a] }, { p: { ...c.other } });
    expect(result.groups.find((g) => g.key === a)!.values.impressions.other).toBe(direct[0]!.figures.p.impressions);
  });
});
