import { ComparisonPanel } from "@/app/components/ComparisonPanel";
import { FilterForm } from "@/app/components/FilterForm";
import { DataTable } from "@/app/components/DataTable";
import { Sparkline } from "@/app/components/Sparkline";
import { StatCard } from "@/app/components/StatCard";
import { db } from "@/lib/db/client";
import { channelLabel, dashboardContext, type PageProps } from "@/lib/dashboard/pageContext";
import { formatChange, formatDay, formatNumber, formatWeek } from "@/lib/format";
import { getAgencyOverview } from "@/lib/queries/getAgencyOverview";

export const dynamic = "force-dynamic";

export default async function OverviewPage(props: PageProps) {
  const ctx = await dashboardContext(props);
  const { agency, locale, t, m, today } = ctx;
  const o = await getAgencyOverview(db(), { agencyId: agency.id, today });
  const week = formatWeek(o.thisWeek, locale);
  const lastWeek = formatWeek(o.lastWeek, locale);
  const soFar = m("thisWeekSoFar", { week, days: o.daysSoFar });
  const sameDays = m("sameDaysLastWeek", { week: lastWeek });
  const n = (v: number | null) => formatNumber(v, locale);
  const c = (v: number | null) => formatChange(v, locale);
  const compared = (v: string) => `${sameDays}: ${v}`;
  return (
    <div lang={locale}>
      <h1>
        {agency.name} – {t("nav_overview")}
      </h1>
      <p className="summary" data-summary="overview">
        {m("overviewSummary", {
          total: n(o.totalAudience),
          channels: o.channelsCounted,
          change: c(o.totalChangeThisWeek),
          soFar,
          same: c(o.totalChangeSameDaysLastWeek),
          sameLabel: sameDays,
        })}
      </p>
      <div className="stats">
        <StatCard
          name="total-audience"
          label={m("followersAcrossChannels")}
          value={n(o.totalAudience)}
          raw={o.totalAudience}
          detail={m("followersAcrossChannelsNote")}
        />
        <StatCard
          name="change-this-week"
          label={`${t("changeThisWeek")} (${soFar})`}
          value={c(o.totalChangeThisWeek)}
          raw={o.totalChangeThisWeek}
          detail={`${compared(c(o.totalChangeSameDaysLastWeek))} · ${m("completeWeek", { week: lastWeek })}: ${c(o.totalChangeLastWeek)}`}
        />
        <StatCard
          name="impressions-this-week"
          label={`${m("impressionsThisWeek")} (${soFar})`}
          value={n(o.impressionsThisWeek)}
          raw={o.impressionsThisWeek}
          detail={`${compared(n(o.impressionsSameDaysLastWeek))} · ${m("completeWeek", { week: lastWeek })}: ${n(o.impressionsLastWeek)}`}
        />
        <StatCard
          name="replies-this-week"
          label={`${t("repliesThisWeek")} (${soFar})`}
          value={n(o.repliesThisWeek)}
          raw={o.repliesThisWeek}
          detail={`${compared(n(o.repliesSameDaysLastWeek))} · ${m("completeWeek", { week: lastWeek })}: ${n(o.repliesLastWeek)}`}
        />
      </div>

      <section className="panel" aria-labelledby="channels-title">
        <h2 id="channels-title">{t("channels")}</h2>
        {o.channels.length === 0 ? (
          <p className="empty">{t("noData")}</p>
        ) : (
          <DataTable
            caption={t("channels")}
            captionHidden
            dataName="overview-channels"
            columns={[
              { label: t("channel") },
              { label: t("audience"), numeric: true, name: "audience" },
              { label: `${t("changeThisWeek")} (${soFar})`, numeric: true, name: "change-this-week" },
              { label: m("changeLastWeekComplete"), numeric: true, name: "change-last-week" },
              { label: `${t("impressions")} (${soFar})`, numeric: true, name: "impressions-this-week" },
              { label: `${t("reach")} (${soFar})`, numeric: true, name: "reach-this-week" },
              { label: `${t("replies")} (${soFar})`, numeric: true, name: "replies-this-week" },
              { label: t("trend12w") },
              { label: "Status" },
            ]}
            rows={o.channels.map((ch) => {
              const known = ch.sparkline.filter((v): v is number => v !== null);
              return {
                key: ch.accountId,
                header: channelLabel(ch, locale),
                cells: [
                  ch.audienceDay ? `${n(ch.audience)} (${formatDay(ch.audienceDay, locale)})` : n(ch.audience),
                  c(ch.changeThisWeek),
                  c(ch.changeLastWeek),
                  n(ch.impressionsThisWeek),
                  n(ch.reachThisWeek),
                  n(ch.repliesThisWeek),
                  {
                    node: (
                      <Sparkline
                        values={ch.sparkline}
                        label={t("sparklineLabel", {
                          label: channelLabel(ch, locale),
                          first: n(known[0] ?? null),
                          last: n(known.at(-1) ?? null),
                        })}
                      />
                    ),
                  },
                  t(`status_${ch.status}`),
                ],
              };
            })}
          />
        )}
      </section>

      <section className="panel" aria-labelledby="attention-title">
        <h2 id="attention-title">{t("attention")}</h2>
        {o.attention.length === 0 ? (
          <p>{t("attentionNone")}</p>
        ) : (
          <ul data-attention>
            {o.attention.map((a) => (
              <li key={`${a.accountId}-${a.reason}-${a.metric ?? ""}`}>
                <strong>{channelLabel(a, locale)}</strong>:{" "}
                {a.reason === "series_break" ? (
                  m("seriesBreak", { metric: m(`metric_${a.metric!}`), day: formatDay(a.lastKnown!, locale) })
                ) : (
                  <>
                    {t(`reason_${a.reason}`)}
                    {a.missingDays > 0 && <> – {t("missingDays", { missing: a.missingDays })}</>}
                  </>
                )}{" "}
                <a href={`/agencies/${agency.slug}/connections${ctx.filters.lang ? `?lang=${ctx.filters.lang}` : ""}`}>
                  {t("nav_connections")}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      {/* A period of one's own choosing beside the previous one or the same one last year. */}
      <FilterForm
        locale={locale}
        filters={ctx.filters}
        range={ctx.range}
        errors={ctx.errors}
        notices={ctx.notices}
        channels={ctx.channelOptions}
        showBucket={false}
      />
      <ComparisonPanel agency={agency} scope={ctx.scope} filters={ctx.filters} />
    </div>
  );
}
