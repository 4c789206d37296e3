import { RANGE_PRESETS, type Filters, type ResolvedRange } from "@/lib/dashboard/filters";
import { formatDay, type UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";
import { DATE_INPUT } from "@/lib/dashboard/dates";
import { COMPARE_MODES } from "@/lib/metrics/periods";

/**
 * The filters as a plain GET form: submitting it writes them into the URL, so the view is a link
 * and works without JavaScript.
 */
export function FilterForm(props: {
  locale: UiLocale;
  filters: Filters;
  range: ResolvedRange;
  errors: string[];
  /** What the period means beyond its dates (typed dates won over a preset, today is not finished). */
  notices?: string[];
  channels?: { id: string; label: string }[];
  showBucket?: boolean;
  showView?: boolean;
  /** The zoomed y-axis toggle (growth charts). */
  showAxis?: boolean;
  extra?: React.ReactNode;
}) {
  const t = translator(props.locale, "common");
  const c = translator(props.locale, "compare");
  const rangeLabel = (r: (typeof RANGE_PRESETS)[number]): string => {
    switch (r) {
      case "quarter":
      case "lastQuarter":
      case "ytd":
      case "lastYear":
        return c(`range_${r}`);
      default:
        return t(`range_${r}`);
    }
  };
  const dates = DATE_INPUT[props.locale];
  const hint = c("dateHint", { pattern: dates.placeholder[props.locale] });
  const f = props.filters;
  const selected = new Set(f.channel ?? []);
  return (
    <section className="filters" aria-labelledby="filters-title">
      <h2 id="filters-title" className="visually-hidden">
        {t("filters")}
      </h2>
      {props.errors.length > 0 && (
        <div className="notice" role="alert" data-filter-errors>
          <p>{t("invalidFilters")}</p>
          <ul>
            {props.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <form method="get">
        {f.lang && <input type="hidden" name="lang" value={f.lang} />}
        <div className="filter-row">
          <div className="field">
            <label htmlFor="f-range">{t("range")}</label>
            <select id="f-range" name="range" defaultValue={f.range}>
              {RANGE_PRESETS.map((r) => (
                <option key={r} value={r}>
                  {rangeLabel(r)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-from">{t("from")}</label>
            <input
              type="text"
              inputMode="numeric"
              id="f-from"
              name="from"
              defaultValue={formatDay(props.range.from, props.locale)}
              pattern={dates.pattern}
              placeholder={dates.placeholder[props.locale]}
              aria-describedby="f-date-hint"
              autoComplete="off"
            />
          </div>
          <div className="field">
            <label htmlFor="f-to">{t("to")}</label>
            <input
              type="text"
              inputMode="numeric"
              id="f-to"
              name="to"
              defaultValue={formatDay(props.range.to, props.locale)}
              pattern={dates.pattern}
              placeholder={dates.placeholder[props.locale]}
              aria-describedby="f-date-hint"
              autoComplete="off"
            />
          </div>
          <p id="f-date-hint" className="meta">
            {hint}
          </p>
          <div className="field">
            <label htmlFor="f-compare">{c("compare")}</label>
            <select id="f-compare" name="compare" defaultValue={f.compare ?? ""}>
              <option value="">{c("compare_none")}</option>
              {COMPARE_MODES.map((m) => (
                <option key={m} value={m}>
                  {c(`compare_${m}`)}
                </option>
              ))}
            </select>
          </div>
          {/* The dates shown for a preset: sent back unchanged they are not a custom range (lib/dashboard/filters.ts). */}
          <input type="hidden" name="shown" value={`${props.range.from}/${props.range.to}`} />
          {props.showBucket !== false && (
            <div className="field">
              <label htmlFor="f-bucket">{t("bucket")}</label>
              <select id="f-bucket" name="bucket" defaultValue={f.bucket}>
                {(["day", "week", "month"] as const).map((b) => (
                  <option key={b} value={b}>
                    {t(`bucket_${b}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {props.showView && (
            <div className="field">
              <label htmlFor="f-view">{t("view")}</label>
              <select id="f-view" name="view" defaultValue={f.view}>
                {(["absolute", "net"] as const).map((v) => (
                  <option key={v} value={v}>
                    {t(`view_${v}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {props.showAxis && (
            <div className="field">
              <label htmlFor="f-axis">{c("axisZoom")}</label>
              <select id="f-axis" name="axis" defaultValue={f.axis}>
                <option value="zero">{c("axisZero")}</option>
                <option value="zoom">{c("axisZoom")}</option>
              </select>
            </div>
          )}
          {props.extra}
        </div>
        {props.channels && props.channels.length > 1 && (
          <fieldset>
            <legend>{t("channelsFilter")}</legend>
            {props.channels.map((c) => (
              <label key={c.id} className="check">
                <input type="checkbox" name="channel" value={c.id} defaultChecked={selected.has(c.id)} /> {c.label}
              </label>
            ))}
          </fieldset>
        )}
        <button type="submit">{t("apply")}</button>
      </form>
      <p className="meta" data-range={`${props.range.from}/${props.range.to}`}>
        {t("rangeShown", {
          from: formatDay(props.range.from, props.locale),
          to: formatDay(props.range.to, props.locale),
        })}
        {props.range.bucketAdjusted && <> · {t("bucketAdjusted")}</>}
      </p>
      {props.notices?.map((n) => (
        <p key={n} className="meta" data-period-notice>
          {n}
        </p>
      ))}
    </section>
  );
}
