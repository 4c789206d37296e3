import { translator } from "@/lib/intl";
import Link from "next/link";
import { z } from "zod";
import { describeAlert, evidencePath } from "@/lib/alerts/describe";
import { formatDateTime } from "@/lib/format";
import { ALERT_KINDS, getAlertSettings, PARAM_LIMITS } from "@/lib/alerts/settings";
import { getSessionUser } from "@/lib/auth/session";
import { runtimeConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { UiLocale } from "@/lib/format";
import { hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { saveAlertSettings, subscribeToAlerts, unsubscribeFromAlerts } from "./actions";
import { SettingsForm } from "./SettingsForm";

export const dynamic = "force-dynamic";

const SearchSchema = z.object({
  lang: z.enum(["nb", "sv", "en"]).optional().catch(undefined),
  msg: z.enum(["subscribed", "unsubscribed"]).optional().catch(undefined),
});
/** The page lists the newest alerts; older ones stay in the database. */
type ParamName = {
  [K in keyof typeof PARAM_LIMITS]: keyof (typeof PARAM_LIMITS)[K];
}[keyof typeof PARAM_LIMITS];

const SHOWN = 200;

export default async function AlertsPage(props: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const agency = await requireVisibleAgency((await props.params).slug);
  const user = (await getSessionUser())!;
  const search = SearchSchema.parse(await props.searchParams);
  const locale: UiLocale = search.lang ?? agency.locale;
  const t = translator(locale, "alerts");
  const admin = hasRole(agency, "admin");
  const [alerts, subscription, settings] = await Promise.all([
    db().alert.findMany({
      where: { agencyId: agency.id },
      orderBy: [{ createdAt: "desc" }, { periodStart: "desc" }],
      take: SHOWN,
    }),
    db().alertSubscription.findUnique({ where: { agencyId_userId: { agencyId: agency.id, userId: user.id } } }),
    admin ? getAlertSettings(db(), agency.id) : null,
  ]);
  const accounts = new Map(
    (
      await db().account.findMany({
        where: { agencyId: agency.id, id: { in: [...new Set(alerts.map((a) => a.accountId))] } },
        select: { id: true, platform: true, handle: true },
      })
    ).map((a) => [a.id, a]),
  );
  const catcher = !runtimeConfig().SMTP_HOST;

  return (
    <div data-page="alerts" lang={locale}>
      <h1>
        {t("title")}: {agency.name}
      </h1>
      <p className="meta">{t("intro")}</p>
      {search.msg && (
        <p role="status" className="notice">
          {t(`msg_${search.msg}`)}
        </p>
      )}

      <h2>{t("subscribeTitle")}</h2>
      <form action={(subscription ? unsubscribeFromAlerts : subscribeToAlerts).bind(null, agency.slug)}>
        <input type="hidden" name="lang" value={locale} />
        <p>{subscription ? t("subscribed", { email: user.email }) : t("notSubscribed")}</p>
        <button type="submit" className={subscription ? "secondary" : undefined}>
          {subscription ? t("unsubscribe") : t("subscribe")}
        </button>
      </form>
      {catcher && admin && (
        <p className="meta">
          {t("mailbox")} <Link href="/mailbox">/mailbox</Link>
        </p>
      )}

      <h2>{t("listCaption")}</h2>
      {alerts.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <table data-alerts>
          <caption className="visually-hidden">{t("listCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("when")}</th>
              <th scope="col">{t("channel")}</th>
              <th scope="col">{t("what")}</th>
              <th scope="col">{t("evidence")}</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => {
              const account = accounts.get(a.accountId);
              if (!account) return null;
              const view = { ...a, account };
              const d = describeAlert(view, agency, locale);
              return (
                <tr key={a.id} data-alert={a.kind}>
                  <td>{formatDateTime(a.createdAt, locale, agency.timeZone)}</td>
                  <td>{d.channel}</td>
                  <td>
                    <strong>{d.kind}</strong>: {d.text}
                  </td>
                  <td>
                    <Link
                      href={evidencePath(view, agency, locale)}
                      aria-label={`${t("showEvidence")}: ${d.kind}, ${d.channel}`}
                    >
                      {t("showEvidence")}
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {settings && (
        <>
          <h2>{t("settingsTitle")}</h2>
          <p className="meta">{t("settingsIntro")}</p>
          {ALERT_KINDS.map((kind) => (
            <SettingsForm
              key={kind}
              action={saveAlertSettings.bind(null, agency.slug)}
              kind={kind}
              lang={locale}
              legend={t(`kind_${kind}`)}
              rule={t(`rule_${kind}`)}
              enabled={settings[kind].enabled}
              enabledLabel={`${t("enabled")}: ${t(`kind_${kind}`)}`}
              save={t("save")}
              fields={Object.entries(PARAM_LIMITS[kind]).map(([name, l]) => ({
                name,
                label: t(`param_${name as ParamName}`),
                value: (settings[kind].params as Record<string, number>)[name]!,
                min: l.min,
                max: l.max,
                step: l.int ? "1" : "any",
              }))}
            />
          ))}
        </>
      )}
    </div>
  );
}
