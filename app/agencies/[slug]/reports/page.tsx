import Link from "next/link";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { runtimeConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { formatDay, formatWeek, type UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";
import { hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { previousWeek } from "@/lib/reports/week";
import { sendTestToMe, setLanguage, subscribe, unsubscribe } from "./actions";

export const dynamic = "force-dynamic";

const LOCALES = ["nb", "sv", "en"] as const;

const SearchSchema = z.object({
  lang: z.enum(LOCALES).optional().catch(undefined),
  msg: z.enum(["subscribed", "unsubscribed", "language", "test_sent", "test_failed"]).optional().catch(undefined),
});

export default async function ReportsPage(props: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const agency = await requireVisibleAgency((await props.params).slug);
  const user = (await getSessionUser())!;
  const search = SearchSchema.parse(await props.searchParams);
  const locale: UiLocale = search.lang ?? agency.locale;
  const t = translator(locale, "reports");
  const subscription = await db().reportSubscription.findUnique({
    where: { agencyId_userId: { agencyId: agency.id, userId: user.id } },
  });
  const reportLocale = subscription?.locale ?? agency.locale;
  const lastWeek = previousWeek(new Date(), agency.timeZone);
  const admin = hasRole(agency, "admin");
  const catcher = !runtimeConfig().SMTP_HOST;
  const langQuery = search.lang ? `&lang=${search.lang}` : "";
  // The e-mail's language: the recipient's choice, or (empty) the agency's.
  const languageField = (
    <label>
      {t("language")}{" "}
      <select name="reportLang" defaultValue={subscription?.locale ?? ""}>
        <option value="">{t("languageAgency", { language: t(`language_${agency.locale}`) })}</option>
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`language_${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div lang={locale}>
      <h1>{t("pageTitle", { agency: agency.name })}</h1>
      {search.msg && (
        <p role="status" className="notice">
          {t(`msg_${search.msg}`, { language: t(`language_${reportLocale}`) })}
        </p>
      )}
      <p>{t("intro", { timeZone: agency.timeZone })}</p>
      {subscription ? (
        <>
          <form action={setLanguage.bind(null, agency.slug)} className="actions">
            <input type="hidden" name="lang" value={search.lang ?? ""} />
            <p>{t("subscribedAs", { email: user.email, language: t(`language_${reportLocale}`) })}</p>
            {languageField}{" "}
            <button type="submit" className="secondary">
              {t("saveLanguage")}
            </button>
          </form>
          <form action={unsubscribe.bind(null, agency.slug)}>
            <input type="hidden" name="lang" value={search.lang ?? ""} />
            <button type="submit" className="secondary">
              {t("unsubscribe")}
            </button>
          </form>
        </>
      ) : (
        <form action={subscribe.bind(null, agency.slug)} className="actions">
          <input type="hidden" name="lang" value={search.lang ?? ""} />
          {languageField} <button type="submit">{t("subscribe")}</button>
        </form>
      )}
      {admin && (
        <>
          <h2>{t("previewTitle")}</h2>
          <p>
            {t("lastWeek", {
              week: formatWeek(lastWeek.start, locale, true),
              from: formatDay(lastWeek.start, locale),
              to: formatDay(lastWeek.end, locale),
            })}
          </p>
          <ul>
            <li>
              <a href={`/agencies/${agency.slug}/reports/preview?week=${lastWeek.start}&lang=${reportLocale}`}>
                {t("previewLink", { week: formatWeek(lastWeek.start, locale) })}
              </a>
            </li>
            <li>
              <a href={`/agencies/${agency.slug}/reports/pdf?week=${lastWeek.start}&lang=${reportLocale}`}>
                {t("pdfLink")}
              </a>
            </li>
          </ul>
          <form action={sendTestToMe.bind(null, agency.slug)}>
            <input type="hidden" name="lang" value={search.lang ?? ""} />
            <button type="submit" className="secondary">
              {t("sendTest")}
            </button>
          </form>
          {catcher && (
            <p className="meta">
              {t.rich("catcher", {
                link: (text) => <Link href={`/mailbox${langQuery.replace("&", "?")}`}>{text}</Link>,
              })}
            </p>
          )}
        </>
      )}
    </div>
  );
}
