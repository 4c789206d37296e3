import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";

/**
 * The one place that decides which agencies the current request may see and change.
 * Pages call `requireVisibleAgency(slug)`; API routes call `findVisibleAgency(slug)` and answer 404
 * when it returns null (someone else's agency is "not found", never "forbidden").
 *
 * Roles, in increasing power: viewer (dashboards, exports, reports), editor (also triages inputs
 * and manages policy work items), admin (also accounts, credentials, members, subscriptions).
 */
export type Role = "viewer" | "editor" | "admin";

export type VisibleAgency = { id: string; slug: string; name: string; timeZone: string; locale: "nb" | "sv" | "en"; parentId: string | null; role: Role };

// FOUNDATION STAGE: sign-in (issue 3) replaces this body with the session's memberships, starting
// from "nothing" and widened by them. Until then every agency is visible with the admin role.
async function visibleAgencies(): Promise<VisibleAgency[]> {
  const rows = await db().agency.findMany({ select: { id: true, slug: true, name: true, timeZone: true, locale: true, parentId: true }, orderBy: { name: "asc" } });
  return rows.map((r) => ({ ...r, role: "admin" as const }));
}

export async function listVisibleAgencies(): Promise<VisibleAgency[]> {
  return visibleAgencies();
}

export async function findVisibleAgency(slug: string): Promise<VisibleAgency | null> {
  return (await visibleAgencies()).find((a) => a.slug === slug) ?? null;
}

export async function requireVisibleAgency(slug: string): Promise<VisibleAgency> {
  return (await findVisibleAgency(slug)) ?? notFound();
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export function hasRole(agency: VisibleAgency, needed: Role): boolean {
  return RANK[agency.role] >= RANK[needed];
}

export type Actor = { userId: string | null; label: string };

/** Who is acting, for audit trails. FOUNDATION STAGE: a fixed local actor until sign-in lands. */
export async function currentActor(): Promise<Actor> {
  return { userId: null, label: "lokal bruker" };
}
