import { notFound } from "next/navigation";
import { translator, type Namespace } from "@/lib/intl";
import { agencyPageLocale } from "@/lib/intl/requestLocale";
import { hasRole, requireVisibleAgency, type Role } from "@/lib/permissions/access";
import type { PageProps } from "./pageContext";

/**
 * What every agency page outside the dashboard starts from (members, settings, connections, inputs): the agency
 * the user may see (404 without `role`), the address's parameters, its language (?lang= or the agency's) and a
 * translator.
 */
export async function agencyPageContext<N extends Namespace>(props: PageProps, namespace: N, role?: Role) {
  const { slug } = await props.params;
  const agency = await requireVisibleAgency(slug);
  if (role && !hasRole(agency, role)) notFound();
  const search = await props.searchParams;
  const lang = agencyPageLocale(search.lang, agency);
  return { agency, search, lang, t: translator(lang, namespace) };
}
