import { redirect } from "next/navigation";
import { SiteHeader } from "@/app/components/SiteHeader";
import { pageLocale } from "@/lib/auth/sso/lang";
import { db } from "@/lib/db/client";
import { ssoTexts } from "@/lib/i18nSso";
import { listVisibleAgencies, requireSignedIn } from "@/lib/permissions/access";

export const dynamic = "force-dynamic";

/** A signed-in person without any agency: says so, shows their SSO groups and whom to ask. */
export default async function NoAccessPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = ssoTexts(pageLocale(await props.searchParams));
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
      <SiteHeader />
      <main id="main" className="narrow">
        <h1>{t.noAccessTitle}</h1>
        <p>{t.noAccessIntro(user.email)}</p>
        {me.ssoSignIn &&
          (groups.length ? (
            <>
              <p>{t.noAccessGroups}</p>
              <ul>
                {groups.map((g) => (
                  <li key={g}>
                    <code>{g}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t.noAccessNoGroups}</p>
          ))}
        <p>{t.noAccessAsk}</p>
        {admins.length ? (
          <>
            <p>{t.installationAdmins}</p>
            <ul>
              {admins.map((a) => (
                <li key={a.email}>
                  {a.name} (<a href={`mailto:${a.email}`}>{a.email}</a>)
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t.noInstallationAdmins}</p>
        )}
      </main>
    </>
  );
}
