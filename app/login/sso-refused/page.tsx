import Link from "next/link";
import { z } from "zod";
import { pageLocale } from "@/lib/auth/sso/lang";
import { ssoTexts } from "@/lib/i18nSso";

export const dynamic = "force-dynamic";

const Reason = z.enum(["email_taken", "no_email", "other_identity", "other_issuer"]).catch("email_taken");

/** Where a refused SSO sign-in lands: nothing was linked, and what to do instead. */
export default async function SsoRefusedPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await props.searchParams;
  const t = ssoTexts(pageLocale(params));
  const reason = Reason.parse(params.reason);
  return (
    <>
      <header className="site">
        <p className="site-name">Kanalmåling</p>
      </header>
      <main id="main" className="narrow">
        <h1>{t.refusedTitle}</h1>
        <p role="alert" data-sso-refused={reason}>
          {t[`refused_${reason}`]}
        </p>
        <p>{t.refusedWhatNow}</p>
        <p>
          <Link href="/login">{t.backToLogin}</Link>
        </p>
      </main>
    </>
  );
}
