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
  const shown = events.filter((e) => labelOf(e.accountId) !== undefined);
  const gaps = shown.filter((e) => e.kind === "collection_gap");
  // A long range of many channels can hold hundreds of single missed days: beyond a readable number they
  // become one marker per channel (at its first gap), so the chart and its list stay legible and the page small.
  // The CSV keeps every gap in its break columns, and the summary says so.
  const summarised = gaps.length > MAX_GAP_MARKERS ? gapSummaries(gaps, labelOf, locale) : [];
  return [
    ...shown
      .filter((e) => !summarised.length || e.kind !== "collection_gap")
      .map((e) => ({ index: e.bucket, day: e.day, label: eventText(e, labelOf(e.accountId)!, locale) })),
    ...summarised,
  ]
    .sort((a, b) => a.index - b.index || a.day.localeCompare(b.day))
    .map(({ index, label }) => ({ index, label }));
}

const MAX_GAP_MARKERS = 50;

function gapSummaries(gaps: SeriesEvent[], labelOf: (accountId: string) => string | undefined, locale: UiLocale) {
  const byChannel = new Map<string, SeriesEvent[]>();
  for (const g of gaps) byChannel.set(g.accountId, [...(byChannel.get(g.accountId) ?? []), g]);
  const c = translator(locale, "compare");
  return [...byChannel].map(([accountId, mine]) => {
    const first = mine.reduce((a, b) => (b.bucket < a.bucket ? b : a));
    const days = mine.reduce((sum, g) => sum + (g.days ?? 0), 0);
    return {
      index: first.bucket,
      day: first.day,
      label: c("collectionGapsSummary", { channel: labelOf(accountId)!, days, periods: mine.length }),
    };
  });
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
