import Link from "next/link";
import { headers } from "next/headers";
import { translator } from "@/lib/intl";
import { pickLocale } from "@/lib/intl/requestLocale";

/** A used, expired, withdrawn or unknown link: answered 404, in the browser's language. */
export default async function InviteNotFound() {
  const locale = pickLocale(null, (await headers()).get("accept-language"));
  const t = translator(locale, "people");
  return (
    <>
      <header className="site">
        <p className="site-name">Kanalmåling</p>
      </header>
      <main id="main" className="narrow" lang={locale}>
        <h1>{t("linkGoneTitle")}</h1>
        <p>{t("linkGone")}</p>
        <p>
          <Link href="/login">{t("toLogin")}</Link>
        </p>
      </main>
    </>
  );
}
