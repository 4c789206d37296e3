import { describe, expect, it } from "vitest";
import { chartMarkers } from "@/lib/dashboard/seriesNotes";
import type { SeriesEvent } from "@/lib/metrics/seriesEvents";
import { addDays } from "@/lib/time";

const gap = (accountId: string, bucket: number): SeriesEvent => ({
  kind: "collection_gap",
  accountId,
  bucket,
  day: addDays("2026-01-05", bucket * 7),
  days: 1,
});
const labelOf = (id: string) => ({ a: "X · a", b: "Facebook · b" })[id];

describe("chart markers", () => {
  it("list every event of a readable range, in bucket order", () => {
    const events = [gap("b", 3), gap("a", 1), { ...gap("a", 2), kind: "interrupted" as const }];
    expect(chartMarkers(events, labelOf, "nb").map((m) => m.index)).toEqual([1, 2, 3]);
  });

  it("turn hundreds of missed days into one marker per channel, keeping the other events", () => {
    const events = [
      ...Array.from({ length: 40 }, (_, i) => gap("a", i + 2)),
      ...Array.from({ length: 30 }, (_, i) => gap("b", i + 5)),
      { ...gap("a", 10), kind: "reconnected" as const },
    ];
    const markers = chartMarkers(events, labelOf, "en");
    expect(markers).toHaveLength(3);
    expect(markers[0]).toEqual({
      index: 2,
      label: "X · a: collection missed 40 days in 40 periods (all in the CSV file)",
    });
    expect(markers[1]).toMatchObject({
      index: 5,
      label: expect.stringContaining("Facebook · b: collection missed 30 days"),
    });
    expect(markers[2]).toEqual({ index: 10, label: "X · a: access was reconnected on 16/03/2026" });
  });
});
