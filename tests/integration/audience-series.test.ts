import { beforeAll, describe, expect, it } from "vitest";
import { upsertDailyMetrics } from "@/lib/ingest/dailyMetrics";
import { getAudienceSeries } from "@/lib/queries/getAudienceSeries";
import { addDays } from "@/lib/time";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
let ids: { agencyId: string; accountId: string };

beforeAll(async () => {
  const agency = await t.db.agency.create({ data: { slug: "serie", name: "Serieetaten" } });
  const account = await t.db.account.create({
    data: { agencyId: agency.id, platform: "twitter", handle: "serie", displayName: "Serie" },
  });
  ids = { agencyId: agency.id, accountId: account.id };
  // Daily followers 1000 + day index from 2026-12-21 to 2027-01-10, except a gap 2026-12-30 .. 2027-01-02.
  const rows = [];
  for (let i = 0; i < 21; i++) {
    const day = addDays("2026-12-21", i);
    if (day >= "2026-12-30" && day <= "2027-01-02") continue;
    rows.push({ ...ids, day, followers: 1000 + i });
  }
  await upsertDailyMetrics(t.db, rows);
});

describe("audience series", () => {
  it("buckets by ISO week across the year boundary, taking the last value of each week", async () => {
    const s = await getAudienceSeries(t.db, {
      agencyId: ids.agencyId,
      from: "2026-12-21",
      to: "2027-01-10",
      bucket: "week",
    });
    expect(s.buckets).toEqual(["2026-12-21", "2026-12-28", "2027-01-04"]);
    // Week 53 of 2026 (28.12–03.01) has data on 28 and 29 December, then the gap, then 3 January.
    expect(s.series[0]!.values).toEqual([1006, 1013, 1020]);
  });

  it("shows a day without collection as a gap (null), never as zero", async () => {
    const s = await getAudienceSeries(t.db, {
      agencyId: ids.agencyId,
      from: "2026-12-28",
      to: "2027-01-04",
      bucket: "day",
    });
    expect(s.series[0]!.values).toEqual([1007, 1008, null, null, null, null, 1013, 1014]);
  });

  it("does not let a value from before the range leak into the first bucket", async () => {
    const s = await getAudienceSeries(t.db, {
      agencyId: ids.agencyId,
      from: "2026-12-30",
      to: "2027-01-02",
      bucket: "week",
    });
    expect(s.series).toEqual([]);
  });

  it("buckets by month", async () => {
    const s = await getAudienceSeries(t.db, {
      agencyId: ids.agencyId,
      from: "2026-12-01",
      to: "2027-01-31",
      bucket: "month",
    });
    expect(s.buckets).toEqual(["2026-12-01", "2027-01-01"]);
    expect(s.series[0]!.values).toEqual([1008, 1020]);
  });

  it("returns nothing for another agency's id", async () => {
    const other = await t.db.agency.create({ data: { slug: "annen", name: "Annen etat" } });
    const s = await getAudienceSeries(t.db, {
      agencyId: other.id,
      from: "2026-12-21",
      to: "2027-01-10",
      bucket: "week",
    });
    expect(s.series).toEqual([]);
  });
});
