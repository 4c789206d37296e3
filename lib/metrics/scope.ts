import type { Db } from "@/lib/db/client";
import { resolveRange, type Filters, type RangePreset } from "@/lib/dashboard/filters";
import type { UiLocale } from "@/lib/format";
import type { VisibleAgency } from "@/lib/permissions/access";
import type { Bucket } from "@/lib/queries/buckets";
import { localDay, type Day } from "@/lib/time";
import type { Issue } from "./issues";
import { translator } from "@/lib/intl";
import { comparisonPeriod, type Comparison, type Period } from "./periods";

/**
 * What every figure is asked for: which agency (and, for comparisons, which agencies), in which
 * time zone and language, over which period (with whether it is still running), in which buckets
 * and for which channels. Built once per request by lib/metrics/request.ts.
 */
export type Scope = {
  agency: Pick<VisibleAgency, "id" | "slug" | "name" | "timeZone">;
  timeZone: string;
  lang: UiLocale;
  today: Day;
  period: Period & {
    preset: RangePreset;
    /** The period reaches today, whose collection is not finished: it is labelled, and compared only like with like. */
    partial: boolean;
    /** Dates were typed while a preset was chosen: the dates won, and the page says so. */
    datesOverride: boolean;
  };
  bucket: Bucket;
  bucketAdjusted: boolean;
  /** Chosen channels (all of the agency's when absent); always channels of this agency. */
  channels?: string[];
  view: "absolute" | "net";
  /** The period set beside the chosen one (`compare=previous|year`), like with like; absent when not asked for or not possible (today only). */
  comparison?: Comparison;
};

async function firstCollectedDay(db: Db, agencyId: string): Promise<Day | null> {
  const row = await db.accountDailyMetric.findFirst({
    where: { agencyId },
    orderBy: { day: "asc" },
    select: { day: true },
  });
  return row ? row.day.toISOString().slice(0, 10) : null;
}

/** The scope of valid filters for an agency; channel ids that are not the agency's come back as issues. */
export async function buildScope(
  db: Db,
  agency: Scope["agency"] & { locale?: UiLocale },
  f: Filters,
  now = new Date(),
): Promise<{ scope: Scope; issues: Issue[] }> {
  const today = localDay(now, agency.timeZone);
  const [earliest, own] = await Promise.all([
    f.range === "all" ? firstCollectedDay(db, agency.id) : null,
    f.channel
      ? db.account.findMany({ where: { agencyId: agency.id, id: { in: f.channel } }, select: { id: true } })
      : [],
  ]);
  const range = resolveRange(f, today, earliest);
  const known = new Set(own.map((a) => a.id));
  const channels = f.channel?.filter((id) => known.has(id));
  // The language the user chose, else the agency's own (a Swedish agency opens in Swedish).
  const lang = f.lang ?? agency.locale ?? "nb";
  const issues: Issue[] = (f.channel ?? [])
    .filter((id) => !known.has(id))
    .map(() => ({ parameter: "channel", message: translator(lang, "metrics")("issueChannel") }));
  return {
    scope: {
      agency: { id: agency.id, slug: agency.slug, name: agency.name, timeZone: agency.timeZone },
      timeZone: agency.timeZone,
      lang,
      today,
      period: {
        from: range.from,
        to: range.to,
        preset: f.range,
        partial: range.to >= today,
        datesOverride: f.datesOverride,
      },
      bucket: range.bucket,
      bucketAdjusted: range.bucketAdjusted,
      channels: channels?.length ? channels : undefined,
      view: f.view,
      comparison: (f.compare && comparisonPeriod(range, f.range, f.compare, today)) || undefined,
    },
    issues,
  };
}

/** The weekly report: one complete ISO week of one agency, in its own language. */
export function reportScope(
  agency: Scope["agency"] & { locale: UiLocale },
  week: { start: string; end: string },
  now = new Date(),
): Scope {
  const today = localDay(now, agency.timeZone);
  return {
    agency: { id: agency.id, slug: agency.slug, name: agency.name, timeZone: agency.timeZone },
    timeZone: agency.timeZone,
    lang: agency.locale,
    today,
    period: { from: week.start, to: week.end, preset: "custom", partial: week.end >= today, datesOverride: false },
    bucket: "week",
    bucketAdjusted: false,
    view: "absolute",
  };
}
