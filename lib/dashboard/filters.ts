import { z } from "zod";
import type { UiLocale } from "@/lib/format";
import { BucketSchema, type Bucket } from "@/lib/queries/buckets";
import { translateIssues } from "@/lib/metrics/issues";
import { calendarPeriod, COMPARE_MODES, type CalendarPreset } from "@/lib/metrics/periods";
import { addDays, daysBetween, type Day } from "@/lib/time";
import { parseTypedDay } from "@/lib/dashboard/dates";

/** Dashboard filters as they live in the URL, so a link reproduces the view. */
export const RANGE_PRESETS = [
  "7d",
  "30d",
  "90d",
  "quarter",
  "lastQuarter",
  "ytd",
  "12m",
  "lastYear",
  "all",
  "custom",
] as const;
export const RangePresetSchema = z.enum(RANGE_PRESETS);
export type RangePreset = z.infer<typeof RangePresetSchema>;

export const LangSchema = z.enum(["nb", "sv", "en"]);

// Messages are keys of lib/i18nMetrics.ts, put into the user's language by lib/metrics/request.ts.
// Dates arrive as ISO (links, API) or as typed in the agency's format (23.11.2026, 23/11/2026).
const DaySchema = z.preprocess(
  (v) => (typeof v === "string" ? (parseTypedDay(v) ?? v) : v),
  z.iso.date({ message: "issueTypedDate" }),
);
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

/** Query parameters shared by every dashboard page and API route. Unknown parameters are ignored. */
// An empty form field (a date left blank) means "not given".
const withoutEmpty = (raw: unknown) =>
  raw && typeof raw === "object"
    ? Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== "" && !(Array.isArray(v) && v.length === 0)))
    : raw;

export const FilterSchema = z.preprocess(
  withoutEmpty,
  z
    .object({
      /** The language the user chose; without one, pages speak the agency's language (lib/metrics/scope.ts). */
      lang: LangSchema.optional(),
      range: RangePresetSchema.optional(),
      from: DaySchema.optional(),
      to: DaySchema.optional(),
      bucket: BucketSchema.default("week"),
      view: z.enum(["absolute", "net"]).default("absolute"),
      channel: oneOrMany(z.uuid({ message: "issueChannel" })).optional(),
      /** The dates the form displayed for a preset (`from/to`): sent back unchanged they are not a custom range. */
      shown: z.string().max(40).optional(),
      /** Set the chosen period beside the previous one or the same one last year. */
      compare: z.enum(COMPARE_MODES, { message: "issueInvalid" }).optional(),
      /** Growth charts: the y-axis from 0, or zoomed to the values (marked as such). */
      axis: z.enum(["zero", "zoom"]).default("zero"),
    })
    // A date typed in wins over a preset; dates that are only the preset's own, as displayed, do not.
    .transform((f) => {
      const typed = (f.from !== undefined || f.to !== undefined) && f.shown !== `${f.from ?? ""}/${f.to ?? ""}`;
      const datesOverride = typed && f.range !== undefined && f.range !== "custom";
      const range: RangePreset = typed || f.range === "custom" ? "custom" : (f.range ?? "90d");
      return {
        ...f,
        range,
        datesOverride,
        from: range === "custom" ? f.from : undefined,
        to: range === "custom" ? f.to : undefined,
      };
    })
    .superRefine((f, ctx) => {
      if (f.range === "custom" && !(f.from && f.to))
        ctx.addIssue({ code: "custom", path: ["from"], message: "issueNeedsBoth" });
      if (f.range === "custom" && f.from && f.to && f.from > f.to)
        ctx.addIssue({ code: "custom", path: ["to"], message: "issueToBeforeFrom" });
    }),
);

export type Filters = z.infer<typeof FilterSchema>;

export type ResolvedRange = { from: Day; to: Day; bucket: Bucket; bucketAdjusted: boolean };

// Day buckets over years would draw thousands of points and rows; longer ranges fall back to weeks.
const MAX_DAY_BUCKETS = 400;

/** The concrete days of a range. `earliest` is the agency's first collected day (for "all"). */
export function resolveRange(f: Filters, today: Day, earliest: Day | null): ResolvedRange {
  let from: Day;
  let to: Day = today;
  if (f.range === "custom" && f.from && f.to) {
    from = f.from;
    to = f.to;
  } else {
    switch (f.range) {
      case "7d":
        from = addDays(today, -6);
        break;
      case "30d":
        from = addDays(today, -29);
        break;
      case "12m":
        from = addDays(today, -364);
        break;
      case "quarter":
      case "lastQuarter":
      case "ytd":
      case "lastYear":
        ({ from, to } = calendarPeriod(f.range as CalendarPreset, today));
        break;
      case "all":
        from = earliest && earliest < today ? earliest : addDays(today, -364);
        break;
      default:
        from = addDays(today, -89);
    }
  }
  const tooLong = f.bucket === "day" && daysBetween(from, to) >= MAX_DAY_BUCKETS;
  return { from, to, bucket: tooLong ? "week" : f.bucket, bucketAdjusted: tooLong };
}

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Pages: invalid parameters become readable messages (in the page's language: the one chosen, else `fallback`,
 * the agency's) and the defaults, never a crash.
 */
export function parseFilters(params: SearchParams, fallback: UiLocale = "nb"): { filters: Filters; errors: string[] } {
  const parsed = FilterSchema.safeParse(params);
  if (parsed.success) return { filters: parsed.data, errors: [] };
  const lang = LangSchema.safeParse(params.lang);
  const locale = lang.success ? lang.data : fallback;
  return {
    filters: FilterSchema.parse(lang.success ? { lang: lang.data } : {}),
    errors: translateIssues(parsed.error.issues, locale).map((i) => `${i.parameter ?? "?"}: ${i.message}`),
  };
}

/** The same filters back as URL search parameters (for links that keep the view). */
export function filtersToParams(f: Partial<Filters>): URLSearchParams {
  const p = new URLSearchParams();
  // Only a language the user chose travels along; without it the agency's language applies.
  if (f.lang) p.set("lang", f.lang);
  if (f.range) p.set("range", f.range);
  if (f.range === "custom" && f.from) p.set("from", f.from);
  if (f.range === "custom" && f.to) p.set("to", f.to);
  if (f.bucket) p.set("bucket", f.bucket);
  if (f.view && f.view !== "absolute") p.set("view", f.view);
  if (f.compare) p.set("compare", f.compare);
  if (f.axis && f.axis !== "zero") p.set("axis", f.axis);
  for (const c of f.channel ?? []) p.append("channel", c);
  return p;
}
