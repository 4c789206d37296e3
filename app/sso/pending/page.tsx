import { PendingSsoPeople } from "@/app/components/PendingSsoPeople";
import { SiteHeader } from "@/app/components/SiteHeader";
import { pageLocale } from "@/lib/auth/sso/lang";
import { requireInstallationAdmin } from "@/lib/permissions/installation";

export const dynamic = "force-dynamic";

/** For installation admins: everyone who signed in with SSO and has no access anywhere yet. */
export default async function PendingSsoPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const locale = pageLocale(await props.searchParams);
  await requireInstallationAdmin();
  return (
    <>
      <SiteHeader />
      <main id="main">
        <PendingSsoPeople locale={locale} headingLevel={1} />
      </main>
    </>
  );
}
