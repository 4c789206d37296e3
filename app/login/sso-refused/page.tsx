import Link from "next/link";
import { headers } from "next/headers";
import { z } from "zod";
import { translator } from "@/lib/intl";
import { pickLocale } from "@/lib/intl/requestLocale";

export const dynamic = "force-dynamic";

const Reason = z.enum(["email_taken", "no_email", "other_identity", "other_issuer"]).catch("email_taken");

/** Where a refused SSO sign-in lands: nothing was linked, and what to do instead. */
export default async function SsoRefusedPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await props.searchParams;
  const locale = pickLocale(params.lang, (await headers()).get("accept-language"));
  const t = translator(locale, "sso");
  const reason = Reason.parse(params.reason);
  return (
    <>
      <header className="site">
        <p className="site-name">Kanalmåling</p>
      </header>
      <main id="main" className="narrow" lang={locale}>
        <h1>{t("refusedTitle")}</h1>
        <p role="alert" data-sso-refused={reason}>
          {t(`refused_${reason}`)}
        </p>
        <p>{t("refusedWhatNow")}</p>
        <p>
          <Link href={`/login?lang=${locale}`}>{t("backToLogin")}</Link>
        </p>
      </main>
    </>
  );
}
