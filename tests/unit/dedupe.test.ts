import { describe, expect, it } from "vitest";
import { mergePerKey } from "@/lib/ingest/dedupe";

describe("mergePerKey", () => {
  it("keeps one row per key, later known values winning and unknown ones not erasing", () => {
    const rows = [
      { id: "a", followers: 10, impressions: 100 as number | null },
      { id: "b", followers: 5, impressions: null },
      { id: "a", followers: 12, impressions: null },
    ];
    expect(mergePerKey(rows, (r) => r.id)).toEqual([
      { id: "a", followers: 12, impressions: 100 },
      { id: "b", followers: 5, impressions: null },
    ]);
  });
});
