import { notFound } from "next/navigation";
import { cache } from "react";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { requireSignedIn } from "./access";

/**
 * Installation administrators run the installation (agencies, their hierarchy, archiving); agency
 * roles stay per agency. Everyone else gets 404 on the installation pages, as for others' agencies.
 */
export async function isInstallationAdminUser(database: Db, userId: string): Promise<boolean> {
  const user = await database.user.findUnique({ where: { id: userId }, select: { installationAdmin: true } });
  return user?.installationAdmin === true;
}

export const isInstallationAdmin = cache(async (): Promise<boolean> => {
  const user = await getSessionUser();
  return user ? isInstallationAdminUser(db(), user.id) : false;
});

/** For installation pages and actions: the signed-in installation admin, or sign-in, or 404. */
export async function requireInstallationAdmin(): Promise<SessionUser> {
  const user = await requireSignedIn();
  if (!(await isInstallationAdmin())) notFound();
  return user;
}
