import Link from "next/link";
import { Suspense } from "react";
import { DashboardNav, type NavLabels } from "@/app/components/DashboardNav";
import { translator } from "@/lib/intl";
import { documentLocale } from "@/lib/intl/documentLocale";
import { hasRole, listVisibleAgencies, requireVisibleAgency } from "@/lib/permissions/access";
import { UserMenu } from "@/app/components/UserMenu";
import { AlertBadge } from "./alerts/AlertBadge";

const NAV_KEYS = [
  "dashboardNav",
  "language",
  "nav_overview",
  "nav_growth",
  "nav_reach",
  "nav_posts",
  "nav_replies",
  "nav_compare",
  "nav_campaigns",
  "nav_connections",
  "nav_inbox",
  "nav_outcomes",
  "nav_reports",
  "nav_alerts",
  "exportCsv",
  "export_overview",
  "export_growth",
  "export_reach",
  "export_campaigns",
  "export_posts",
  "export_replies",
  "export_reply-texts",
  "export_compare",
] as const;

// The navigation is a client component: it gets its texts as props, never the message files.
function navLabels(locale: "nb" | "en" | "sv"): NavLabels {
  const t = translator(locale, "common");
  return {
    ...(Object.fromEntries(NAV_KEYS.map((k) => [k, t(k)])) as Omit<NavLabels, "pdfPage">),
    pdfPage: translator(locale, "takeaway")("pdfPage"),
  };
}

export default async function AgencyLayout(props: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const agency = await requireVisibleAgency(slug);
  const parent = agency.parentId ? ((await listVisibleAgencies()).find((a) => a.id === agency.parentId) ?? null) : null;
  return (
    <>
      <header className="site agency-header">
        <UserMenu
          membersHref={hasRole(agency, "admin") ? `/agencies/${agency.slug}/members` : undefined}
          locale={await documentLocale()}
        />
        <p className="crumbs">
          <Link href="/">Kanalmåling</Link>
          {parent && (
            <>
              {" "}
              · <Link href={`/agencies/${parent.slug}`}>{parent.name}</Link>
            </>
          )}
        </p>
        <p className="agency-name" data-agency-name>
          {agency.name}
        </p>
        <Suspense fallback={null}>
          <AlertBadge agencyId={agency.id} slug={agency.slug} />
        </Suspense>
        <Suspense fallback={null}>
          <DashboardNav
            slug={agency.slug}
            labels={{ nb: navLabels("nb"), en: navLabels("en"), sv: navLabels("sv") }}
            defaultLang={agency.locale}
            mayExportReplyTexts={hasRole(agency, "editor")}
          />
        </Suspense>
      </header>
      <main id="main">{props.children}</main>
    </>
  );
}
