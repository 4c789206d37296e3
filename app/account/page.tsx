import { headers } from "next/headers";
import { SiteHeader } from "@/app/components/SiteHeader";
import { StatefulForm } from "@/app/components/StatefulForm";
import { translator } from "@/lib/intl";
import { pickLocale } from "@/lib/intl/requestLocale";
import { requireSignedIn } from "@/lib/permissions/access";
import { changePassword } from "./actions";

export const dynamic = "force-dynamic";

export default async function AccountPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSignedIn();
  const locale = pickLocale((await props.searchParams).lang, (await headers()).get("accept-language"));
  const t = translator(locale, "people");
  return (
    <>
      <SiteHeader locale={locale} />
      <main id="main" className="narrow" lang={locale}>
        <h1>{t("accountTitle")}</h1>
        <p>{t("signedInAs", { email: user.email })}</p>
        <h2>{t("changePassword")}</h2>
        <StatefulForm
          id="password"
          action={changePassword}
          hidden={{ lang: locale }}
          submit={t("changePasswordButton")}
          fields={[
            {
              name: "current",
              label: t("currentPassword"),
              type: "password",
              autoComplete: "current-password",
              required: true,
            },
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
      </main>
    </>
  );
}
