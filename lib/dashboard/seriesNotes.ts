import { formatDay, type UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";
import type { SeriesEvent } from "@/lib/metrics/seriesEvents";

/** One event of a series in words, in the page's (or e-mail's, or CSV's) language. */
export function eventText(e: SeriesEvent, channel: string, locale: UiLocale): string {
  const c = translator(locale, "compare");
  const day = formatDay(e.day, locale);
  switch (e.kind) {
    case "series_break": {
      const metric = translator(locale, "metrics")(`metric_${e.metric!}`);
      return c(e.before ? "seriesBreakBefore" : "seriesBreak", { channel, metric, day });
    }
    case "metric_resumed":
      return c("metricResumed", { channel, metric: translator(locale, "metrics")(`metric_${e.metric!}`), day });
    case "collection_gap":
      return `${c("collectionGap", { channel, days: e.days ?? 0 })} (${day})`;
    case "interrupted":
      return c("interrupted", { channel, day });
    case "reconnected":
      return c("reconnected", { channel, day });
  }
}

export type ChartMarker = { index: number; label: string };

/** A chart's markers: the events of the channels it shows, each at its bucket, numbered on the chart and in words below it. */
export function chartMarkers(
  events: SeriesEvent[],
  labelOf: (accountId: string) => string | undefined,
  locale: UiLocale,
): ChartMarker[] {
  return events
    .filter((e) => labelOf(e.accountId) !== undefined)
    .sort((a, b) => a.bucket - b.bucket || a.day.localeCompare(b.day))
    .map((e) => ({ index: e.bucket, label: eventText(e, labelOf(e.accountId)!, locale) }));
}

/**
 * The CSV's break columns for one channel and bucket: the kinds of events (`series_break`,
 * `metric_resumed`, `collection_gap`, `interrupted`, `reconnected`, joined by `|`) and the same in words. A series
 * break stays on every bucket from the one it happened in, since the metric is unknown from then on.
 */
export function csvBreakColumns(
  events: SeriesEvent[],
  accountId: string,
  bucket: number,
  channel: string,
  locale: UiLocale,
): [string | null, string | null] {
  const mine = events.filter((e) => e.accountId === accountId);
  // A break lasts until the metric is reported again (if it is).
  const resumedBy = (b: SeriesEvent) =>
    mine.find((e) => e.kind === "metric_resumed" && e.metric === b.metric && e.bucket > b.bucket)?.bucket ?? Infinity;
  const here = mine.filter((e) =>
    e.kind === "series_break" ? e.bucket <= bucket && bucket < resumedBy(e) : e.bucket === bucket,
  );
  if (here.length === 0) return [null, null];
  return [[...new Set(here.map((e) => e.kind))].join("|"), here.map((e) => eventText(e, channel, locale)).join(" · ")];
}
