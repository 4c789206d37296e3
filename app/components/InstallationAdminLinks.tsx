import Link from "next/link";
import type { UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";
import { isInstallationAdmin } from "@/lib/permissions/installation";

/** On the home page, for installation administrators only: where agencies are created and run. */
export async function InstallationAdminLinks(props: { locale: UiLocale; hasAgencies: boolean }) {
  if (!(await isInstallationAdmin())) return null;
  const t = translator(props.locale, "people");
  return (
    <section aria-labelledby="installation-admin">
      <h2 id="installation-admin">{t("adminLinks")}</h2>
      {!props.hasAgencies && <p>{t("noMemberships")}</p>}
      <p>
        <Link href={`/admin/agencies${props.locale === "nb" ? "" : `?lang=${props.locale}`}`}>
          {t("adminAgenciesLink")}
        </Link>
      </p>
      <p>
        <Link href={`/sso/pending${props.locale === "nb" ? "" : `?lang=${props.locale}`}`}>
          {translator(props.locale, "sso")("pendingAllTitle")}
        </Link>
      </p>
    </section>
  );
}
