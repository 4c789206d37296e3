import { platformLabel } from "@/lib/intl/labels";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { formatDay, formatNumber, formatWeek, intlLocale, type UiLocale } from "@/lib/format";
import { pickLocale } from "@/lib/intl/requestLocale";
import { translator } from "@/lib/intl";
import { listVisibleAgencies, requireSignedIn } from "@/lib/permissions/access";
import { isInstallationAdminUser } from "@/lib/permissions/installation";
import { InstallationAdminLinks } from "./components/InstallationAdminLinks";
import { getAgencyChannels } from "@/lib/queries/getAgencyChannels";
import { getAudienceSeries } from "@/lib/queries/getAudienceSeries";
import { addDays, localDay } from "@/lib/time";
import { TimeChart } from "./components/TimeChart";
import { SiteHeader } from "./components/SiteHeader";

export const dynamic = "force-dynamic";

const SearchSchema = z.object({ lang: z.enum(["nb", "sv", "en"]).optional().catch(undefined) });

export default async function HomePage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { lang } = SearchSchema.parse(await props.searchParams);
  // The agency list has no agency language: the language chosen in the address, else the browser's, else bokmål.
  const locale: UiLocale = pickLocale(lang, (await headers()).get("accept-language"));
  const t = translator(locale, "common");
  const user = await requireSignedIn();
  const visible = await listVisibleAgencies();
  // No membership yet (e.g. a first SSO sign-in without a mapped group): say so, not "no agencies exist".
  if (!visible.length && !(await isInstallationAdminUser(db(), user.id))) redirect("/no-access");
  const agencies = visible.length
    ? await getAgencyChannels(
        db(),
        visible.map((a) => a.id),
      )
    : [];
  const charts = await Promise.all(
    agencies.map((a) => {
      const to = localDay(new Date(), a.timeZone);
      return getAudienceSeries(db(), { agencyId: a.id, from: addDays(to, -364), to, bucket: "week" });
    }),
  );

  return (
    <>
      <SiteHeader tagline={t("tagline")} locale={locale} />
      <main id="main">
        <h1>{t("agencies")}</h1>
        <InstallationAdminLinks locale={locale} hasAgencies={agencies.length > 0} />
        {agencies.length === 0 && <p>{t("empty")}</p>}
        {agencies.map((agency, i) => {
          const chart = charts[i]!;
          const weekLabels = chart.buckets.map((b) => formatWeek(b, locale, true));
          const headingId = `agency-${agency.slug}`;
          return (
            <section key={agency.id} className="agency" aria-labelledby={headingId} data-agency={agency.slug}>
              <h2 id={headingId}>{agency.name}</h2>
              {agency.parentName && (
                <p className="meta">
                  {t("partOf")} {agency.parentName}
                </p>
              )}
              {visible.find((v) => v.id === agency.id)?.role === "admin" && (
                <p>
                  <Link href={`/agencies/${agency.slug}/members`}>{t("members")}</Link> ·{" "}
                  <Link href={`/agencies/${agency.slug}/settings`}>{translator(locale, "people")("settings")}</Link>
                </p>
              )}
              <p data-followers-sentence>
                {translator(locale, "metrics")("followersSentence", {
                  name: agency.name,
                  total: formatNumber(agency.totalAudience, locale),
                  channels: agency.channelsCounted,
                })}
              </p>
              <p>
                <a className="button-link" href={`/agencies/${agency.slug}${lang ? `?lang=${lang}` : ""}`}>
                  {t("openDashboard")}
                  <span className="visually-hidden">: {agency.name}</span>
                </a>
              </p>
              <table>
                <caption className="visually-hidden">
                  {t("channels")}: {agency.name}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("channel")}</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      {t("audience")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {agency.channels.map((c) => (
                    <tr key={c.accountId}>
                      <td>
                        {platformLabel(c.platform, locale)} · {c.displayName} <span className="meta">({c.handle})</span>
                      </td>
                      <td className={`status-${c.status}`}>{t(`status_${c.status}`)}</td>
                      <td className="num" data-audience={c.handle}>
                        {formatNumber(c.audience, locale)}
                        {c.audienceDay && <span className="meta"> ({formatDay(c.audienceDay, locale)})</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {chart.series.length > 0 ? (
                <figure>
                  <figcaption>
                    <strong>{t("growthTitle")}</strong>
                  </figcaption>
                  <TimeChart
                    labels={weekLabels}
                    series={chart.series.map((s) => ({
                      label: `${platformLabel(s.platform, locale)} ${s.handle}`,
                      values: s.values,
                    }))}
                    ariaLabel={`${t("growthTitle")}: ${agency.name}`}
                    locale={intlLocale(locale)}
                  />
                  <details>
                    <summary>{t("showTable")}</summary>
                    <div
                      className="table-scroll"
                      tabIndex={0}
                      role="region"
                      aria-label={`${t("showTable")}: ${agency.name}`}
                    >
                      <table data-chart-table={agency.slug}>
                        <thead>
                          <tr>
                            <th scope="col">{t("week")}</th>
                            {chart.series.map((s) => (
                              <th key={s.accountId} scope="col" className="num">
                                {platformLabel(s.platform, locale)} {s.handle}
                              </th>
                            ))}
                          </tr>
                        </thead>
                        <tbody>
                          {chart.buckets.map((b, row) => (
                            <tr key={b}>
                              <th scope="row">{weekLabels[row]}</th>
                              {chart.series.map((s) => (
                                <td key={s.accountId} className="num">
                                  {formatNumber(s.values[row] ?? null, locale)}
                                </td>
                              ))}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </details>
                </figure>
              ) : (
                <p className="meta">{t("noData")}</p>
              )}
            </section>
          );
        })}
      </main>
    </>
  );
}
