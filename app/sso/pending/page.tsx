import { notFound } from "next/navigation";
import { PendingSsoPeople } from "@/app/components/PendingSsoPeople";
import { SiteHeader } from "@/app/components/SiteHeader";
import { pageLocale } from "@/lib/auth/sso/lang";
import { db } from "@/lib/db/client";
import { requireSignedIn } from "@/lib/permissions/access";

export const dynamic = "force-dynamic";

/** For installation admins: everyone who signed in with SSO and has no access anywhere yet. */
export default async function PendingSsoPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const locale = pageLocale(await props.searchParams);
  const user = await requireSignedIn();
  const me = await db().user.findUnique({ where: { id: user.id }, select: { installationAdmin: true } });
  if (!me?.installationAdmin) notFound();
  return (
    <>
      <SiteHeader />
      <main id="main"><PendingSsoPeople locale={locale} headingLevel={1} /></main>
    </>
  );
}
