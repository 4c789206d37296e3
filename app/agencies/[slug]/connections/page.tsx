import Link from "next/link";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { formatNumber, type UiLocale } from "@/lib/format";
import { connectionTexts } from "@/lib/i18nConnections";
import { PLATFORM_LABEL } from "@/lib/i18n";
import { hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { SOCIAL_PLATFORMS, type SocialPlatform } from "@/lib/platforms/types";
import { getConnections } from "@/lib/queries/getConnections";

export const dynamic = "force-dynamic";

const SearchSchema = z.object({ lang: z.enum(["nb", "sv", "en"]).optional().catch(undefined) });
const INTL: Record<UiLocale, string> = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" };

export default async function ConnectionsPage(props: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await props.params;
  const agency = await requireVisibleAgency(slug);
  const { lang } = SearchSchema.parse(await props.searchParams);
  const locale: UiLocale = lang ?? agency.locale;
  const t = connectionTexts(locale);
  const { connections, recentRuns } = await getConnections(db(), agency.id);
  const when = (d: Date | null) =>
    d ? new Intl.DateTimeFormat(INTL[locale], { timeZone: agency.timeZone, dateStyle: "short", timeStyle: "short" }).format(d) : t.never;
  const names = new Map(connections.map((c) => [c.accountId, `${PLATFORM_LABEL[c.platform]} · ${c.handle}`]));

  return (
    <div data-page="connections">
      <h1>{t.title}: {agency.name}</h1>
      <p className="meta">{t.intro}</p>
      {hasRole(agency, "admin") && <p><Link href={`/agencies/${agency.slug}/connections/credentials`}>Koble til en kanal med tilgangstoken</Link></p>}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t.title}>
        <table>
          <caption className="visually-hidden">{t.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t.channel}</th>
              <th scope="col">{t.source}</th>
              <th scope="col">{t.token}</th>
              <th scope="col">{t.lastSuccess}</th>
              <th scope="col">{t.lastRun}</th>
              <th scope="col">{t.backfill}</th>
            </tr>
          </thead>
          <tbody>
            {connections.map((c) => {
              const collected = SOCIAL_PLATFORMS.includes(c.platform as SocialPlatform);
              return (
                <tr key={c.accountId} data-connection={c.handle}>
                  <th scope="row">{PLATFORM_LABEL[c.platform]} · {c.displayName} <span className="meta">({c.handle})</span></th>
                  <td>{collected ? (c.sandbox ? t.sandbox : t.real) : t.noCollector}</td>
                  <td className={`status-${c.status}`} data-status={c.status}>
                    {t[`status_${c.status}`]}
                    {collected && !c.sandbox && !c.hasCredentials && <span className="meta"> · {t.tokenNone}</span>}
                  </td>
                  <td data-last-success>{collected ? when(c.lastSuccessAt) : "–"}</td>
                  <td>
                    {c.lastRun ? (
                      <>
                        <span className={`outcome-${c.lastRun.outcome}`}>{t[`outcome_${c.lastRun.outcome}`]}</span>
                        <span className="meta"> {when(c.lastRun.startedAt)}</span>
                        {c.lastRun.error && <div className="run-error">{c.lastRun.error}</div>}
                        {c.nextCollectAt && c.nextCollectAt > new Date() && <div className="meta">{t.waitUntil} {when(c.nextCollectAt)}</div>}
                        {c.failuresLast24h > 0 && <div className="meta">{t.failures(c.failuresLast24h)}</div>}
                      </>
                    ) : (
                      "–"
                    )}
                  </td>
                  <td data-backfill>
                    {c.backfill ? (
                      <>
                        <progress max={c.backfill.daysTotal} value={c.backfill.daysDone} aria-label={`${t.backfill}: ${c.handle}`} />{" "}
                        {t.backfillDays(formatNumber(c.backfill.daysDone, locale), formatNumber(c.backfill.daysTotal, locale))}
                        {c.backfill.done && ` (${t.backfillDone})`}
                      </>
                    ) : (
                      "–"
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2>{t.recentRuns}</h2>
      {recentRuns.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t.recentRuns}>
          <table data-runs>
            <thead>
              <tr>
                <th scope="col">{t.started}</th>
                <th scope="col">{t.channel}</th>
                <th scope="col">{t.outcome}</th>
                <th scope="col" className="num">{t.items}</th>
                <th scope="col">{t.error}</th>
              </tr>
            </thead>
            <tbody>
              {recentRuns.map((r) => (
                <tr key={r.id}>
                  <td>{when(r.startedAt)}</td>
                  <td>{names.get(r.accountId)} <span className="meta">({r.kind})</span></td>
                  <td className={`outcome-${r.outcome}`}>{t[`outcome_${r.outcome}`]}</td>
                  <td className="num">{formatNumber(r.itemsFetched, locale)} / {formatNumber(r.itemsWritten, locale)}</td>
                  <td>{r.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
