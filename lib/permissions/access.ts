import { getSessionCookie } from "better-auth/cookies";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { poolOf } from "@/lib/db/pool";
import type { KnownVersion, KnownVersions } from "@/lib/metrics/viewCache";
import { cachedAccess, unverifiedAgencies } from "./accessCache";
import { visibleAgenciesOf, type VisibleAgency } from "./visibleAgencies";

export type { Role, VisibleAgency } from "./visibleAgencies";
export { hasRole } from "./visibleAgencies";

/**
 * The one place that decides which agencies the current request may see and change.
 * Pages call `requireVisibleAgency(slug)`; API routes call `findVisibleAgency(slug)` and answer 404
 * when it returns null (someone else's agency is "not found", never "forbidden").
 * Visibility starts from nothing and is widened only by the signed-in user's memberships.
 */
/** The session cookie of this request (none outside a request, e.g. in scripts). */
async function sessionCookie(): Promise<string | null> {
  try {
    return getSessionCookie(await headers());
  } catch {
    return null;
  }
}

async function loadAccess() {
  const user = await getSessionUser();
  return user ? { user, agencies: await visibleAgenciesOf(db(), user.id) } : null;
}

const requestAccess = cache(async () => cachedAccess(await sessionCookie(), poolOf(db()), loadAccess));

const visibleAgencies = cache(async (): Promise<VisibleAgency[]> => (await requestAccess())?.agencies ?? []);

export async function listVisibleAgencies(): Promise<VisibleAgency[]> {
  return visibleAgencies();
}

export async function findVisibleAgency(slug: string): Promise<VisibleAgency | null> {
  return (await visibleAgencies()).find((a) => a.slug === slug) ?? null;
}

/**
 * The visible agencies as this session's cached access last saw them, not yet checked (null when not
 * cached): work started with them may be used only if listVisibleAgencies then returns this very list.
 */
export async function unverifiedVisibleAgencies(): Promise<VisibleAgency[] | null> {
  return unverifiedAgencies(await sessionCookie());
}

/**
 * For routes whose answer is reused per data version (lib/metrics/viewCache.ts): the agency, and
 * its data version read in the same round trip as the access check (before any figure is read).
 */
export async function findVisibleAgencyAndVersion(slug: string): Promise<{
  agency: VisibleAgency | null;
  dataVersion: KnownVersion | null;
  dataVersions: KnownVersions | null;
  visible: VisibleAgency[];
}> {
  // Only a well-formed slug goes into the statement (a NUL in the address must not fail the access check).
  const named = /^[a-z0-9-]{1,64}$/.test(slug) ? slug : null;
  const access = await cachedAccess(await sessionCookie(), poolOf(db()), loadAccess, Date.now(), named);
  return {
    agency: access?.agencies.find((a) => a.slug === slug) ?? null,
    dataVersion: access?.dataVersion ?? null,
    dataVersions: access?.dataVersions ?? null,
    visible: access?.agencies ?? [],
  };
}

/** For pages: the agency, or a redirect to sign-in, or 404 when it is not this user's to see. */
export async function requireVisibleAgency(slug: string): Promise<VisibleAgency> {
  await requireSignedIn();
  return (await findVisibleAgency(slug)) ?? notFound();
}

export async function requireSignedIn() {
  const user = (await requestAccess())?.user;
  if (!user) redirect("/login");
  return user;
}

export type Actor = { userId: string | null; label: string };

/** Who is acting, for audit trails. */
export async function currentActor(): Promise<Actor> {
  const user = (await requestAccess())?.user;
  return user ? { userId: user.id, label: user.name || user.email } : { userId: null, label: "ukjent" };
}
