import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/client";

/**
 * Creates a local (e-mail + password) user the way better-auth stores one: an app_user row and a
 * "credential" identity holding the scrypt hash.
 */
export async function createLocalUser(db: Db, input: { email: string; name: string; password: string }) {
  const id = randomUUID();
  const hash = await hashPassword(input.password);
  return db.user.create({
    data: {
      id,
      email: input.email.trim().toLowerCase(),
      name: input.name,
      emailVerified: true,
      identities: { create: { id: randomUUID(), accountId: id, providerId: "credential", password: hash } },
    },
  });
}

export async function setLocalPassword(db: Db, userId: string, password: string): Promise<void> {
  await db.authIdentity.updateMany({
    where: { userId, providerId: "credential" },
    data: { password: await hashPassword(password), updatedAt: new Date() },
  });
}

export async function grantMembership(
  db: Db,
  input: { userId: string; agencyId: string; role: Role; includeChildren?: boolean },
) {
  const data = { role: input.role, includeChildren: input.includeChildren ?? false };
  return db.membership.upsert({
    where: { agencyId_userId: { agencyId: input.agencyId, userId: input.userId } },
    create: { agencyId: input.agencyId, userId: input.userId, ...data },
    update: data,
  });
}

export const DEMO_ADMIN_EMAIL = "admin@demo.kanalmaaling.test";

/**
 * The demo admin: a member (admin) of the demo agencies only, never of agencies people created. Its
 * password is DEMO_ADMIN_PASSWORD, or a random one made when it is created. Memberships are granted
 * only when the demo admin is created or the demo data was just loaded (`grantDemoAgencies`), so a
 * membership an admin removed stays removed after a restart. Returns the password to show only when
 * it was just made or given, since only a hash is stored.
 */
export async function ensureDemoAdmin(
  db: Db,
  opts: { password?: string; grantDemoAgencies?: boolean } = {},
): Promise<{ email: string; password: string | null; created: boolean }> {
  let user = await db.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL } });
  let shown: string | null = null;
  const created = !user;
  if (!user) {
    shown = opts.password ?? randomBytes(9).toString("base64url");
    user = await createLocalUser(db, { email: DEMO_ADMIN_EMAIL, name: "Demo-administrator", password: shown });
  } else if (opts.password) {
    await setLocalPassword(db, user.id, opts.password);
    shown = opts.password;
  }
  if (created || opts.grantDemoAgencies) {
    for (const agency of await db.agency.findMany({ where: { isDemo: true }, select: { id: true } })) {
      await grantMembership(db, { userId: user.id, agencyId: agency.id, role: "admin" });
    }
  }
  return { email: DEMO_ADMIN_EMAIL, password: shown, created };
}
