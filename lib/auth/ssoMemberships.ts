import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/client";

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export type MembershipChange = { agencyId: string; role: Role; from?: Role; userId?: string };
export type SyncResult = { added: MembershipChange[]; changed: MembershipChange[]; removed: MembershipChange[] };

/** agency → the highest role any of these groups gives there. */
async function rolesFromGroups(db: Db | Tx, groups: string[], agencyId?: string): Promise<Map<string, Role>> {
  const wanted = new Map<string, Role>();
  if (groups.length === 0) return wanted;
  const mappings = await db.ssoGroupRole.findMany({
    where: { groupValue: { in: groups }, ...(agencyId ? { agencyId } : {}) },
    select: { agencyId: true, role: true },
  });
  for (const m of mappings) {
    const had = wanted.get(m.agencyId);
    if (!had || RANK[m.role] > RANK[had]) wanted.set(m.agencyId, m.role);
  }
  return wanted;
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Makes a person's memberships from groups (source "sso_group") what the identity provider's groups
 * say now: added where a group is mapped, role changed where the mapping changed, removed where no
 * mapped group is left. Manual memberships (an admin's, an accepted invitation's) are never touched:
 * where one exists, it wins.
 */
export async function syncSsoMemberships(db: Db, userId: string, groups: string[]): Promise<SyncResult> {
  return db.$transaction(async (tx) => {
    const wanted = await rolesFromGroups(tx, groups);
    const current = await tx.membership.findMany({
      where: { userId },
      select: { agencyId: true, role: true, source: true },
    });
    const result: SyncResult = { added: [], changed: [], removed: [] };
    for (const m of current) {
      if (m.source !== "sso_group") continue;
      const role = wanted.get(m.agencyId);
      if (!role) {
        await tx.membership.deleteMany({ where: { agencyId: m.agencyId, userId, source: "sso_group" } });
        result.removed.push({ agencyId: m.agencyId, role: m.role });
      } else if (role !== m.role) {
        await tx.membership.updateMany({
          where: { agencyId: m.agencyId, userId, source: "sso_group" },
          data: { role },
        });
        result.changed.push({ agencyId: m.agencyId, role, from: m.role });
      }
    }
    const have = new Set(current.map((m) => m.agencyId));
    const toAdd = [...wanted]
      .filter(([agencyId]) => !have.has(agencyId))
      .map(([agencyId, role]) => ({ agencyId, role }));
    if (toAdd.length) {
      await tx.membership.createMany({
        data: toAdd.map((a) => ({ ...a, userId, source: "sso_group" })),
        skipDuplicates: true,
      });
      result.added.push(...toAdd);
    }
    return result;
  });
}

/**
 * After an admin removes a group mapping: the agency's memberships from groups that no longer have a
 * mapped group (by the groups each person had at their last SSO sign-in) end now rather than at the
 * person's next sign-in. New mappings wait for the next sign-in, when the groups are fresh.
 */
export async function revokeUnmappedSsoMemberships(db: Db, agencyId: string): Promise<MembershipChange[]> {
  return db.$transaction(async (tx) => {
    const memberships = await tx.membership.findMany({
      where: { agencyId, source: "sso_group" },
      select: { userId: true, role: true, user: { select: { ssoSignIn: { select: { groups: true } } } } },
    });
    const removed: MembershipChange[] = [];
    for (const m of memberships) {
      const role = (await rolesFromGroups(tx, m.user.ssoSignIn?.groups ?? [], agencyId)).get(agencyId);
      if (!role) {
        await tx.membership.deleteMany({ where: { agencyId, userId: m.userId, source: "sso_group" } });
        removed.push({ agencyId, role: m.role, userId: m.userId });
      } else if (RANK[role] < RANK[m.role]) {
        await tx.membership.updateMany({ where: { agencyId, userId: m.userId, source: "sso_group" }, data: { role } });
      }
    }
    return removed;
  });
}

/**
 * People who signed in with SSO but have no membership anywhere and do not run the installation:
 * they see the no-access page; admins see them here with the groups they carry, to map one.
 */
export async function listPendingSsoPeople(db: Db) {
  return db.ssoSignIn.findMany({
    where: { user: { installationAdmin: false, memberships: { none: {} } } },
    select: { groups: true, lastSignInAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: { lastSignInAt: "desc" },
    take: 200,
  });
}
