import type { Db } from "@/lib/db/client";

/**
 * Roles, in increasing power: viewer (dashboards, exports, reports), editor (also triages inputs
 * and manages policy work items), admin (also accounts, credentials, members, subscriptions).
 */
export type Role = "viewer" | "editor" | "admin";

export type VisibleAgency = {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  locale: "nb" | "sv" | "en";
  parentId: string | null;
  role: Role;
};

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export function hasRole(agency: VisibleAgency, needed: Role): boolean {
  return RANK[agency.role] >= RANK[needed];
}

const AGENCY_FIELDS = { id: true, slug: true, name: true, timeZone: true, locale: true, parentId: true } as const;

/**
 * The agencies a user may see, with the role there: their memberships, plus — where an admin
 * membership was granted with include_children — the child agencies, as viewer.
 */
export async function visibleAgenciesOf(db: Db, userId: string): Promise<VisibleAgency[]> {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: {
      role: true,
      includeChildren: true,
      agency: { select: { ...AGENCY_FIELDS, children: { select: AGENCY_FIELDS } } },
    },
  });
  const byId = new Map<string, VisibleAgency>();
  for (const m of memberships) {
    const { children: _children, ...agency } = m.agency;
    byId.set(agency.id, { ...agency, role: m.role });
  }
  for (const m of memberships) {
    if (m.role !== "admin" || !m.includeChildren) continue;
    for (const child of m.agency.children) if (!byId.has(child.id)) byId.set(child.id, { ...child, role: "viewer" });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, "nb"));
}
