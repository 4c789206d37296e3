import { headers } from "next/headers";
import { PendingSsoPeople } from "@/app/components/PendingSsoPeople";
import { SiteHeader } from "@/app/components/SiteHeader";
import { pickLocale } from "@/lib/intl/requestLocale";
import { requireInstallationAdmin } from "@/lib/permissions/installation";

export const dynamic = "force-dynamic";

/** For installation admins: everyone who signed in with SSO and has no access anywhere yet. */
export default async function PendingSsoPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const locale = pickLocale((await props.searchParams).lang, (await headers()).get("accept-language"));
  await requireInstallationAdmin();
  return (
    <>
      <SiteHeader locale={locale} />
      <main id="main" lang={locale}>
        <PendingSsoPeople locale={locale} headingLevel={1} />
      </main>
    </>
  );
}
