import { headers } from "next/headers";
import { z } from "zod";
import { ssoEnabled } from "@/lib/auth/auth";
import { translator } from "@/lib/intl";
import { pickLocale } from "@/lib/intl/requestLocale";
import { LoginForm } from "./LoginForm";

export const dynamic = "force-dynamic";

// Only same-site paths: never let ?next= send a signed-in user to another site.
const NextPath = z
  .string()
  .regex(/^\/(?!\/)[^\s]*$/)
  .catch("/");
const SsoMessage = z.enum(["failed", "cancelled", "unavailable", "limited", "off"]).optional().catch(undefined);

export default async function LoginPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await props.searchParams;
  const next = NextPath.parse(typeof params.next === "string" ? params.next : "/");
  const locale = pickLocale(params.lang, (await headers()).get("accept-language"));
  const t = translator(locale, "people");
  const sso = translator(locale, "sso");
  const ssoMessage = SsoMessage.parse(params.sso);
  return (
    <>
      <header className="site">
        <p className="site-name">Kanalmåling</p>
      </header>
      <main id="main" className="narrow" lang={locale}>
        <h1>{t("signInTitle")}</h1>
        {ssoMessage && (
          <p role="alert" className="error">
            {sso(`login_${ssoMessage}`)}
          </p>
        )}
        <LoginForm
          next={next}
          sso={ssoEnabled() ? sso("ssoButton") : null}
          texts={{
            email: t("email"),
            password: t("password"),
            submit: t("signInButton"),
            busy: t("signingIn"),
            invalid: t("signInInvalid"),
            limited: t("signInLimited"),
            failed: t("signInFailed"),
          }}
        />
      </main>
    </>
  );
}
