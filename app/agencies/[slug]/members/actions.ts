"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { grantMembership } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import type { UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";
import { agencyPageLocale, withAgencyLang } from "@/lib/intl/requestLocale";
import { asForm, type FormState } from "@/lib/people/formState";
import { createInvitation, revokeInvitation as revoke } from "@/lib/people/invitations";
import { sendInvitationMail } from "@/lib/people/inviteMail";
import { currentActor, hasRole, requireVisibleAgency } from "@/lib/permissions/access";

const RoleSchema = z.enum(["viewer", "editor", "admin"]);
const Id = z.string().min(1).max(100);
const Uuid = z.uuid();

async function adminAgency(slug: unknown) {
  const parsed = z.string().max(100).safeParse(slug);
  if (!parsed.success) notFound();
  const agency = await requireVisibleAgency(parsed.data);
  if (!hasRole(agency, "admin")) notFound();
  return agency;
}

const back = (agency: { slug: string; locale: UiLocale }, msg: string, form: FormData) =>
  redirect(
    withAgencyLang(`/agencies/${agency.slug}/members?msg=${msg}`, agencyPageLocale(form.get("lang"), agency), agency),
  );
const ip = async () => (await headers()).get("x-forwarded-for");

/**
 * Invites by e-mail: the person gets a one-time link and sets their own password (or signs in with
 * SSO). An existing account only gets the membership once that person accepts. Admins can never
 * create an account or choose a password for someone else.
 */
export async function inviteMember(slug: string, _prev: FormState, rawForm: unknown): Promise<FormState> {
  const form = asForm(rawForm);
  const agency = await adminAgency(slug);
  const t = translator(agencyPageLocale(form.get("lang"), agency), "people");
  const values = {
    email: String(form.get("email") ?? "").slice(0, 300),
    role: String(form.get("role") ?? "").slice(0, 20),
  };
  const email = z.email().max(200).safeParse(values.email.trim().toLowerCase());
  const role = RoleSchema.safeParse(values.role);
  const errors: Record<string, string> = {};
  if (!email.success) errors.email = t("emailInvalid");
  if (!role.success) errors.role = t("roleInvalid");
  if (
    email.success &&
    (await db().membership.findFirst({
      where: { agencyId: agency.id, user: { email: email.data } },
      select: { userId: true },
    }))
  )
    errors.email = t("alreadyMember");
  if (Object.keys(errors).length) return { ok: false, message: Object.values(errors)[0]!, errors, values };

  const actor = await currentActor();
  const sent = await inviteAndMail(agency, email.data!, role.data!, actor.userId);
  await recordAudit(db(), {
    action: "invitation_created",
    agencyId: agency.id,
    actorUserId: actor.userId,
    target: email.data!,
    details: { role: role.data!, mailed: sent },
    ip: await ip(),
  });
  revalidatePath(`/agencies/${agency.slug}/members`);
  return sent
    ? { ok: true, message: t("invited", { email: email.data! }) }
    : { ok: false, message: t("mailFailed"), values };
}

async function inviteAndMail(
  agency: { id: string; name: string; locale: "nb" | "sv" | "en"; timeZone: string },
  email: string,
  role: z.infer<typeof RoleSchema>,
  invitedBy: string | null,
) {
  const link = await createInvitation(db(), { email, agencyId: agency.id, role, invitedByUserId: invitedBy });
  return sendInvitationMail({
    email,
    agencyName: agency.name,
    role,
    url: link.url,
    expiresAt: link.expiresAt,
    locale: agency.locale,
    timeZone: agency.timeZone,
  });
}

/** Sends a pending invitation again, with a new link (the old one stops working). */
export async function resendInvitation(slug: string, rawForm: unknown) {
  const form = asForm(rawForm);
  const agency = await adminAgency(slug);
  const id = Uuid.safeParse(form.get("invitationId"));
  if (!id.success) back(agency, "invalid", form);
  const open = await db().invitation.findFirst({
    where: { id: id.data!, agencyId: agency.id, acceptedAt: null, revokedAt: null },
    select: { email: true, role: true },
  });
  if (!open) notFound();
  const actor = await currentActor();
  const sent = await inviteAndMail(agency, open.email, open.role!, actor.userId);
  await recordAudit(db(), {
    action: "invitation_created",
    agencyId: agency.id,
    actorUserId: actor.userId,
    target: open.email,
    details: { role: open.role, resent: true, mailed: sent },
    ip: await ip(),
  });
  back(agency, sent ? "resent" : "mail_failed", form);
}

export async function revokeInvitation(slug: string, rawForm: unknown) {
  const form = asForm(rawForm);
  const agency = await adminAgency(slug);
  const id = Uuid.safeParse(form.get("invitationId"));
  if (!id.success) back(agency, "invalid", form);
  const revoked = await revoke(db(), { id: id.data!, agencyId: agency.id });
  if (!revoked) notFound();
  const actor = await currentActor();
  await recordAudit(db(), {
    action: "invitation_revoked",
    agencyId: agency.id,
    actorUserId: actor.userId,
    target: revoked.email,
    details: { role: revoked.role },
    ip: await ip(),
  });
  back(agency, "revoked", form);
}

const ChangeSchema = z.object({ userId: Id, role: RoleSchema, includeChildren: z.enum(["on"]).optional() });

export async function changeMember(slug: string, rawForm: unknown) {
  const form = asForm(rawForm);
  const agency = await adminAgency(slug);
  const parsed = ChangeSchema.safeParse({
    userId: form.get("userId"),
    role: form.get("role"),
    includeChildren: form.get("includeChildren") ?? undefined,
  });
  if (!parsed.success) back(agency, "invalid", form);
  const input = parsed.data!;
  const membership = await db().membership.findUnique({
    where: { agencyId_userId: { agencyId: agency.id, userId: input.userId } },
  });
  if (!membership) notFound();
  if (membership.role === "admin" && input.role !== "admin" && (await adminCount(agency.id)) <= 1)
    back(agency, "last_admin", form);
  await grantMembership(db(), {
    userId: input.userId,
    agencyId: agency.id,
    role: input.role,
    includeChildren: input.includeChildren === "on",
  });
  const actor = await currentActor();
  await recordAudit(db(), {
    action: "membership_changed",
    agencyId: agency.id,
    actorUserId: actor.userId,
    target: input.userId,
    details: { from: membership.role, to: input.role, includeChildren: input.includeChildren === "on" },
    ip: await ip(),
  });
  back(agency, "changed", form);
}

export async function removeMember(slug: string, rawForm: unknown) {
  const form = asForm(rawForm);
  const agency = await adminAgency(slug);
  const userId = Id.safeParse(form.get("userId"));
  if (!userId.success) back(agency, "invalid", form);
  const membership = await db().membership.findUnique({
    where: { agencyId_userId: { agencyId: agency.id, userId: userId.data! } },
  });
  if (!membership) notFound();
  if (membership.role === "admin" && (await adminCount(agency.id)) <= 1) back(agency, "last_admin", form);
  await db().membership.delete({ where: { agencyId_userId: { agencyId: agency.id, userId: userId.data! } } });
  const actor = await currentActor();
  await recordAudit(db(), {
    action: "membership_removed",
    agencyId: agency.id,
    actorUserId: actor.userId,
    target: userId.data!,
    details: { role: membership.role },
    ip: await ip(),
  });
  back(agency, "removed", form);
}

/** Signs a member out on every device (e.g. a lost laptop): their sessions are deleted. */
export async function endMemberSessions(slug: string, rawForm: unknown) {
  const form = asForm(rawForm);
  const agency = await adminAgency(slug);
  const userId = Id.safeParse(form.get("userId"));
  if (!userId.success) back(agency, "invalid", form);
  const membership = await db().membership.findUnique({
    where: { agencyId_userId: { agencyId: agency.id, userId: userId.data! } },
  });
  if (!membership) notFound();
  const ended = await db().authSession.deleteMany({ where: { userId: userId.data! } });
  const actor = await currentActor();
  await recordAudit(db(), {
    action: "sessions_ended",
    agencyId: agency.id,
    actorUserId: actor.userId,
    target: userId.data!,
    details: { sessions: ended.count },
    ip: await ip(),
  });
  back(agency, "sessions_ended", form);
}

function adminCount(agencyId: string) {
  return db().membership.count({ where: { agencyId, role: "admin" } });
}
