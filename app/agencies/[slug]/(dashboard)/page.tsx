import { DataTable } from "@/app/components/DataTable";
import { Sparkline } from "@/app/components/Sparkline";
import { StatCard } from "@/app/components/StatCard";
import { db } from "@/lib/db/client";
import { channelLabel, dashboardContext, type PageProps } from "@/lib/dashboard/pageContext";
import { formatChange, formatDay, formatNumber, formatWeek } from "@/lib/format";
import { getAgencyOverview } from "@/lib/queries/getAgencyOverview";

export const dynamic = "force-dynamic";

export default async function OverviewPage(props: PageProps) {
  const { agency, locale, t, today } = await dashboardContext(props);
  const o = await getAgencyOverview(db(), { agencyId: agency.id, today });
  const week = formatWeek(o.thisWeek, locale);
  const lastWeek = formatWeek(o.lastWeek, locale);
  const n = (v: number | null) => formatNumber(v, locale);
  const c = (v: number | null) => formatChange(v, locale);
  return (
    <div lang={locale}>
      <h1>{agency.name} – {t.nav_overview}</h1>
      <p className="summary" data-summary="overview">{o.totalChangeThisWeek === null
        ? t.overviewNoWeekYet(n(o.totalAudience), week, c(o.totalChangeLastWeek), lastWeek)
        : t.overviewSummary(n(o.totalAudience), c(o.totalChangeThisWeek), week, c(o.totalChangeLastWeek))}</p>
      <div className="stats">
        <StatCard name="total-audience" label={t.totalAudience} value={n(o.totalAudience)} />
        <StatCard name="change-this-week" label={`${t.changeThisWeek} (${week})`} value={c(o.totalChangeThisWeek)} detail={t.lastWeekWas(`${c(o.totalChangeLastWeek)} (${lastWeek})`)} />
        <StatCard name="reach-this-week" label={`${t.reachThisWeek} (${week})`} value={n(o.reachThisWeek)} detail={t.lastWeekWas(n(o.reachLastWeek))} />
        <StatCard name="replies-this-week" label={`${t.repliesThisWeek} (${week})`} value={n(o.repliesThisWeek)} detail={t.lastWeekWas(n(o.repliesLastWeek))} />
      </div>

      <section className="panel" aria-labelledby="channels-title">
        <h2 id="channels-title">{t.channels}</h2>
        {o.channels.length === 0 ? <p className="empty">{t.noData}</p> : (
          <DataTable
            caption={t.channels}
            captionHidden
            dataName="overview-channels"
            columns={[
              { label: t.channel }, { label: t.audience, numeric: true }, { label: t.changeThisWeek, numeric: true },
              { label: t.changeLastWeek, numeric: true }, { label: t.reachThisWeek, numeric: true }, { label: t.repliesThisWeek, numeric: true },
              { label: t.trend12w }, { label: "Status" },
            ]}
            rows={o.channels.map((ch) => {
              const known = ch.sparkline.filter((v): v is number => v !== null);
              return {
                key: ch.accountId,
                header: channelLabel(ch),
                cells: [
                  ch.audienceDay ? `${n(ch.audience)} (${formatDay(ch.audienceDay, locale)})` : n(ch.audience),
                  c(ch.changeThisWeek), c(ch.changeLastWeek), n(ch.reachThisWeek), n(ch.repliesThisWeek),
                  { node: <Sparkline values={ch.sparkline} label={t.sparklineLabel(channelLabel(ch), n(known[0] ?? null), n(known.at(-1) ?? null))} /> },
                  t[`status_${ch.status}`],
                ],
              };
            })}
          />
        )}
      </section>

      <section className="panel" aria-labelledby="attention-title">
        <h2 id="attention-title">{t.attention}</h2>
        {o.attention.length === 0 ? <p>{t.attentionNone}</p> : (
          <ul data-attention>
            {o.attention.map((a) => (
              <li key={a.accountId}>
                <strong>{channelLabel(a)}</strong>: {t[`reason_${a.reason}`]}{a.missingDays > 0 && <> – {t.missingDays(a.missingDays)}</>}
                {" "}<a href={`/agencies/${agency.slug}/connections${locale === "nb" ? "" : `?lang=${locale}`}`}>{t.nav_connections}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
