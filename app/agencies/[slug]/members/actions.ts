"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { createLocalUser, grantMembership } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { formArg, slugArg } from "@/lib/http/actionArgs";
import { currentActor, hasRole, requireVisibleAgency } from "@/lib/permissions/access";

const RoleSchema = z.enum(["viewer", "editor", "admin"]);

async function adminAgency(slug: unknown) {
  const agency = await requireVisibleAgency(slugArg(slug));
  if (!hasRole(agency, "admin")) notFound();
  return agency;
}

const back = (slug: string, msg: string) => redirect(`/agencies/${slug}/members?msg=${msg}`);
const ip = async () => (await headers()).get("x-forwarded-for");

const AddSchema = z.object({
  email: z.email().max(200).transform((e) => e.trim().toLowerCase()),
  role: RoleSchema,
  name: z.string().trim().max(200).optional().default(""),
  password: z.union([z.literal(""), z.string().min(12).max(200)]).optional().default(""),
});

export async function addMember(slug: unknown, form: unknown) {
  const agency = await adminAgency(slug);
  const parsed = AddSchema.safeParse(Object.fromEntries(formArg(form)));
  if (!parsed.success) back(agency.slug, "invalid");
  const input = parsed.data!;
  let user = await db().user.findUnique({ where: { email: input.email } });
  if (!user) {
    if (!input.password) back(agency.slug, "unknown_user");
    user = await createLocalUser(db(), { email: input.email, name: input.name || input.email, password: input.password });
  }
  await grantMembership(db(), { userId: user!.id, agencyId: agency.id, role: input.role });
  const actor = await currentActor();
  await recordAudit(db(), { action: "membership_added", agencyId: agency.id, actorUserId: actor.userId, target: input.email, details: { role: input.role }, ip: await ip() });
  back(agency.slug, "added");
}

const ChangeSchema = z.object({ userId: z.string().min(1).max(100), role: RoleSchema, includeChildren: z.enum(["on"]).optional() });

export async function changeMember(slug: unknown, form: unknown) {
  const agency = await adminAgency(slug);
  const parsed = ChangeSchema.safeParse(Object.fromEntries(formArg(form)));
  if (!parsed.success) back(agency.slug, "invalid");
  const input = parsed.data!;
  const membership = await db().membership.findUnique({ where: { agencyId_userId: { agencyId: agency.id, userId: input.userId } } });
  if (!membership) notFound();
  if (membership.role === "admin" && input.role !== "admin" && (await adminCount(agency.id)) <= 1) back(agency.slug, "last_admin");
  await grantMembership(db(), { userId: input.userId, agencyId: agency.id, role: input.role, includeChildren: input.includeChildren === "on" });
  const actor = await currentActor();
  await recordAudit(db(), { action: "membership_changed", agencyId: agency.id, actorUserId: actor.userId, target: input.userId, details: { from: membership.role, to: input.role, includeChildren: input.includeChildren === "on" }, ip: await ip() });
  back(agency.slug, "changed");
}

export async function removeMember(slug: unknown, form: unknown) {
  const agency = await adminAgency(slug);
  const userId = z.string().min(1).max(100).safeParse(formArg(form).get("userId"));
  if (!userId.success) back(agency.slug, "invalid");
  const membership = await db().membership.findUnique({ where: { agencyId_userId: { agencyId: agency.id, userId: userId.data! } } });
  if (!membership) notFound();
  if (membership.role === "admin" && (await adminCount(agency.id)) <= 1) back(agency.slug, "last_admin");
  await db().membership.delete({ where: { agencyId_userId: { agencyId: agency.id, userId: userId.data! } } });
  const actor = await currentActor();
  await recordAudit(db(), { action: "membership_removed", agencyId: agency.id, actorUserId: actor.userId, target: userId.data!, details: { role: membership.role }, ip: await ip() });
  back(agency.slug, "removed");
}

function adminCount(agencyId: string) {
  return db().membership.count({ where: { agencyId, role: "admin" } });
}
