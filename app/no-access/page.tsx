import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/app/components/SiteHeader";
import { db } from "@/lib/db/client";
import { translator } from "@/lib/intl";
import { pickLocale } from "@/lib/intl/requestLocale";
import { listVisibleAgencies, requireSignedIn } from "@/lib/permissions/access";

export const dynamic = "force-dynamic";

/** A signed-in person without any agency: says so, shows their SSO groups and whom to ask. */
export default async function NoAccessPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const locale = pickLocale((await props.searchParams).lang, (await headers()).get("accept-language"));
  const t = translator(locale, "sso");
  const user = await requireSignedIn();
  const me = await db().user.findUniqueOrThrow({
    where: { id: user.id },
    select: { installationAdmin: true, ssoSignIn: { select: { groups: true } } },
  });
  if (me.installationAdmin || (await listVisibleAgencies()).length > 0) redirect("/");
  const admins = await db().user.findMany({
    where: { installationAdmin: true },
    select: { name: true, email: true },
    orderBy: { email: "asc" },
  });
  const groups = me.ssoSignIn?.groups ?? [];
  return (
    <>
      <SiteHeader locale={locale} />
      <main id="main" className="narrow" lang={locale}>
        <h1>{t("noAccessTitle")}</h1>
        <p>{t("noAccessIntro", { email: user.email })}</p>
        {me.ssoSignIn &&
          (groups.length ? (
            <>
              <p>{t("noAccessGroups")}</p>
              <ul>
                {groups.map((g) => (
                  <li key={g}>
                    <code>{g}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t("noAccessNoGroups")}</p>
          ))}
        <p>{t("noAccessAsk")}</p>
        {admins.length ? (
          <>
            <p>{t("installationAdmins")}</p>
            <ul>
              {admins.map((a) => (
                <li key={a.email}>
                  {a.name} (<a href={`mailto:${a.email}`}>{a.email}</a>)
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t("noInstallationAdmins")}</p>
        )}
      </main>
    </>
  );
}
