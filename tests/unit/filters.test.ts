import { describe, expect, it } from "vitest";
import { FilterSchema, parseFilters, resolveRange } from "@/lib/dashboard/filters";

describe("dashboard filters in the URL", () => {
  it("defaults to 90 days by week, in no chosen language (the agency's then applies)", () => {
    const f = FilterSchema.parse({});
    expect(f).toMatchObject({ range: "90d", bucket: "week", view: "absolute" });
    expect(f.lang).toBeUndefined();
    expect(resolveRange(f, "2026-11-23", null)).toEqual({
      from: "2026-08-26",
      to: "2026-11-23",
      bucket: "week",
      bucketAdjusted: false,
    });
  });

  it("reads from and to without a preset as a custom range", () => {
    const custom = FilterSchema.parse({ from: "2026-07-01", to: "2026-09-30" });
    expect(resolveRange(custom, "2026-11-23", null)).toMatchObject({ from: "2026-07-01", to: "2026-09-30" });
  });

  it("lets dates typed in win over a preset and says so, but not the preset's own dates sent back by the form", () => {
    // Before, "Periode: 90 dager" with typed dates silently showed the last 90 days.
    const typed = FilterSchema.parse({
      range: "90d",
      from: "2026-07-01",
      to: "2026-09-30",
      shown: "2026-08-26/2026-11-23",
    });
    expect(typed).toMatchObject({ range: "custom", datesOverride: true });
    expect(resolveRange(typed, "2026-11-23", null)).toMatchObject({ from: "2026-07-01", to: "2026-09-30" });
    const switched = FilterSchema.parse({
      range: "7d",
      from: "2026-08-26",
      to: "2026-11-23",
      shown: "2026-08-26/2026-11-23",
    });
    expect(switched).toMatchObject({ range: "7d", datesOverride: false });
    expect(resolveRange(switched, "2026-11-23", null)).toMatchObject({ from: "2026-11-17", to: "2026-11-23" });
    // Half a custom range next to a preset is refused with a message, not dropped.
    expect(parseFilters({ range: "30d", from: "2026-07-01" }).errors).toEqual([
      "from: en egendefinert periode trenger både fra- og til-dato",
    ]);
  });

  it("starts 'all' at the first collected day and falls back from days to weeks over long ranges", () => {
    const f = FilterSchema.parse({ range: "all", bucket: "day" });
    expect(resolveRange(f, "2026-11-23", "2014-01-06")).toEqual({
      from: "2014-01-06",
      to: "2026-11-23",
      bucket: "week",
      bucketAdjusted: true,
    });
  });

  it("takes one or many channel ids", () => {
    const id = "7d3f8a5e-1c2b-4d6e-8f9a-0b1c2d3e4f50";
    expect(FilterSchema.parse({ channel: id }).channel).toEqual([id]);
    expect(FilterSchema.parse({ channel: [id, id] }).channel).toEqual([id, id]);
  });

  it("explains invalid parameters and shows the defaults instead of failing", () => {
    const { filters, errors } = parseFilters({ lang: "en", range: "5y", bucket: "hour", from: "2026-13-01" });
    expect(filters).toMatchObject({ lang: "en", range: "90d", bucket: "week" });
    expect(errors.map((e) => e.split(":")[0])).toEqual(expect.arrayContaining(["range", "bucket", "from"]));
    expect(parseFilters({ range: "custom", from: "2026-10-01", to: "2026-09-01" }).errors).toEqual([
      "to: til-datoen kan ikke være før fra-datoen",
    ]);
    expect(parseFilters({ lang: "sv", bucket: "hour" }).errors).toEqual(["bucket: måste vara en av: day, week, month"]);
  });
});

describe("dashboard filters from the form", () => {
  it("treats blank date fields as not given", () => {
    const { filters, errors } = parseFilters({ range: "30d", from: "", to: "", bucket: "day" });
    expect(errors).toEqual([]);
    expect(filters).toMatchObject({ range: "30d", bucket: "day" });
  });
});
