import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { ssoEnabled } from "@/lib/auth/auth";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { translator } from "@/lib/intl";
import { pickLocale } from "@/lib/intl/requestLocale";
import { findOpenInvitation } from "@/lib/people/invitations";
import { StatefulForm } from "@/app/components/StatefulForm";
import { acceptAsSignedIn, acceptWithNewAccount } from "./actions";

export const dynamic = "force-dynamic";

/**
 * Where a one-time link leads. No account for the e-mail yet: the person sets name and password.
 * An account exists: the person signs in as themselves and accepts; nothing about that account
 * changes except the new membership. Used, expired or unknown links: 404 (./not-found.tsx).
 */
export default async function InvitePage(props: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await props.params;
  const invitation = await findOpenInvitation(db(), token);
  if (!invitation) notFound();
  const agency = invitation.agencyId
    ? await db().agency.findUnique({ where: { id: invitation.agencyId }, select: { locale: true } })
    : null;
  const locale = pickLocale(
    (await props.searchParams).lang ?? agency?.locale,
    (await headers()).get("accept-language"),
  );
  const t = translator(locale, "people");
  const user = await getSessionUser();
  const existing = await db().user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  const here = `/invite/${token}${locale === "nb" ? "" : `?lang=${locale}`}`;
  const sso = ssoEnabled() && (
    <p>
      <a className="button-link secondary" href={`/api/sso/start?invite=${encodeURIComponent(token)}`}>
        {t("ssoButton")}
      </a>
    </p>
  );

  return (
    <>
      <header className="site">
        <p className="site-name">Kanalmåling</p>
      </header>
      <main id="main" className="narrow" lang={locale}>
        <h1>{t("inviteTitle")}</h1>
        <p>
          {invitation.agencyName && invitation.role
            ? t("invitedTo", { agency: invitation.agencyName, role: t(`roleShort.${invitation.role}`) })
            : t("invitedAsInstallationAdmin")}
        </p>
        <p>{t("inviteFor", { email: invitation.email })}</p>
        {!existing ? (
          <>
            <h2>{t("createAccount")}</h2>
            <StatefulForm
              id="invite"
              action={acceptWithNewAccount.bind(null, token)}
              hidden={{ lang: locale }}
              submit={t("createAccountButton")}
              fields={[
                { name: "name", label: t("name"), autoComplete: "name", required: true },
                {
                  name: "password",
                  label: t("newPassword"),
                  type: "password",
                  autoComplete: "new-password",
                  hint: t("passwordHint"),
                  required: true,
                },
                {
                  name: "repeat",
                  label: t("repeatPassword"),
                  type: "password",
                  autoComplete: "new-password",
                  required: true,
                },
              ]}
            />
            {sso}
          </>
        ) : user?.id === existing.id ? (
          <StatefulForm
            id="accept"
            action={acceptAsSignedIn.bind(null, token)}
            hidden={{ lang: locale }}
            submit={t("acceptButton")}
            fields={[]}
          />
        ) : user ? (
          <p role="alert">{t("wrongPerson", { me: user.email, invited: invitation.email })}</p>
        ) : (
          <>
            <p>{t("accountExists")}</p>
            <p>
              <Link className="button-link" href={`/login?next=${encodeURIComponent(here)}&lang=${locale}`}>
                {t("signInToAccept")}
              </Link>
            </p>
            {sso}
          </>
        )}
      </main>
    </>
  );
}
