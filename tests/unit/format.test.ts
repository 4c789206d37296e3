import { describe, expect, it } from "vitest";
import { formatDateTime, formatDay } from "@/lib/format";
import { translator } from "@/lib/intl";
import { csvHeader } from "@/lib/export/columns";

describe("one way to write a day per language", () => {
  it("writes an instant's day as formatDay does, with the time in the agency's zone", () => {
    // 23:30 UTC on 23 November is already the 24th in Stockholm and Oslo, still the 23rd in New York.
    const at = new Date("2026-11-23T23:30:00Z");
    expect(formatDateTime(at, "sv", "Europe/Stockholm")).toBe(`${formatDay("2026-11-24", "sv")} 00:30`);
    expect(formatDateTime(at, "sv", "Europe/Stockholm")).toBe("2026-11-24 00:30");
    expect(formatDateTime(at, "nb", "Europe/Oslo")).toBe("24.11.2026 00:30");
    expect(formatDateTime(at, "en", "America/New_York")).toBe("23/11/2026 18:30");
  });

  it("keeps the clock right across a DST switch", () => {
    expect(formatDateTime(new Date("2026-03-29T00:30:00Z"), "nb", "Europe/Oslo")).toBe("29.03.2026 01:30");
    expect(formatDateTime(new Date("2026-03-29T01:30:00Z"), "nb", "Europe/Oslo")).toBe("29.03.2026 03:30");
  });
});

describe("dashboard texts", () => {
  it("counts with plurals, never '1 days'", () => {
    expect(translator("en", "compare")("collectionGap", { channel: "X", days: 1 })).toBe("X: collection missed 1 day");
    expect(translator("nb", "compare")("collectionGap", { channel: "X", days: 3 })).toBe(
      "X: innsamlingen manglet 3 dager",
    );
    expect(translator("sv", "metrics")("thisWeekSoFar", { week: "vecka 48", days: 1 })).toBe(
      "vecka 48 hittills (1 dag)",
    );
  });

  it("names the platforms and input states in all three languages", () => {
    expect(translator("sv", "labels")("platform_email")).toBe("E-post");
    expect(translator("en", "labels")("linkStatus_under_review")).toBe("Under review");
    expect(translator("sv", "labels")("workItemStatus_active")).toBe("Pågår");
  });

  it("writes CSV column names in the page's language and leaves unknown ones alone", () => {
    expect(csvHeader(["plattform", "publikum", "ukjent_kolonne"], "nb")).toEqual([
      "plattform",
      "publikum",
      "ukjent_kolonne",
    ]);
    expect(csvHeader(["plattform", "publikum", "ukjent_kolonne"], "en")).toEqual([
      "platform",
      "followers",
      "ukjent_kolonne",
    ]);
    expect(csvHeader(["tekst", "publikum"], "sv")).toEqual(["text", "foljare"]);
  });
});
