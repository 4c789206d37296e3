import Link from "next/link";
import { headers } from "next/headers";
import { translator } from "@/lib/intl";
import { pickLocale } from "@/lib/intl/requestLocale";

/** The product's own 404, in the language the browser asks for (bokmål unless it prefers Swedish or English). */
export default async function NotFound() {
  const lang = pickLocale(null, (await headers()).get("accept-language"));
  const t = translator(lang, "hardening");
  return (
    <main id="main" lang={lang}>
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFoundBody")}</p>
      <p>
        <Link href="/">{t("toFrontPage")}</Link>
      </p>
    </main>
  );
}
