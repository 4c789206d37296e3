"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { revokeUnmappedSsoMemberships } from "@/lib/auth/ssoMemberships";
import { db } from "@/lib/db/client";
import type { UiLocale } from "@/lib/format";
import { formArg } from "@/lib/http/actionArgs";
import { agencyPageLocale, withAgencyLang } from "@/lib/intl/requestLocale";
import { currentActor, hasRole, requireVisibleAgency } from "@/lib/permissions/access";

const Slug = z.string().min(1).max(100);
const MappingSchema = z.object({
  group: z.string().trim().min(1).max(200),
  role: z.enum(["viewer", "editor", "admin"]),
});

async function adminAgency(slug: unknown) {
  const parsed = Slug.safeParse(slug);
  if (!parsed.success) notFound();
  const agency = await requireVisibleAgency(parsed.data);
  if (!hasRole(agency, "admin")) notFound();
  return agency;
}

const back = (agency: { slug: string; locale: UiLocale }, msg: string, form: FormData): never =>
  redirect(
    withAgencyLang(
      `/agencies/${agency.slug}/members/sso?msg=${msg}`,
      agencyPageLocale(form.get("lang"), agency),
      agency,
    ),
  );

/** Maps a value of the groups claim to a role in this agency (replacing that value's earlier role). */
export async function saveMapping(slug: unknown, rawForm: unknown) {
  const form = formArg(rawForm);
  const agency = await adminAgency(slug);
  const parsed = MappingSchema.safeParse({ group: form.get("group"), role: form.get("role") });
  if (!parsed.success) back(agency, "invalid", form);
  const { group, role } = parsed.data!;
  await db().ssoGroupRole.upsert({
    where: { agencyId_groupValue: { agencyId: agency.id, groupValue: group } },
    create: { agencyId: agency.id, groupValue: group, role },
    update: { role },
  });
  // A lowered role takes effect now; a raised or new one at the person's next sign-in.
  await revokeUnmappedSsoMemberships(db(), agency.id);
  const actor = await currentActor();
  await recordAudit(db(), {
    action: "sso_mapping_added",
    agencyId: agency.id,
    actorUserId: actor.userId,
    target: group,
    details: { role },
    ip: (await headers()).get("x-forwarded-for"),
  });
  back(agency, "added", form);
}

export async function removeMapping(slug: unknown, rawForm: unknown) {
  const form = formArg(rawForm);
  const agency = await adminAgency(slug);
  const group = z.string().min(1).max(200).safeParse(form.get("group"));
  if (!group.success) back(agency, "invalid", form);
  await db().ssoGroupRole.deleteMany({ where: { agencyId: agency.id, groupValue: group.data! } });
  const ended = await revokeUnmappedSsoMemberships(db(), agency.id);
  const actor = await currentActor();
  const ip = (await headers()).get("x-forwarded-for");
  await recordAudit(db(), {
    action: "sso_mapping_removed",
    agencyId: agency.id,
    actorUserId: actor.userId,
    target: group.data!,
    details: { membershipsEnded: ended.length },
    ip,
  });
  for (const m of ended)
    await recordAudit(db(), {
      action: "membership_removed",
      agencyId: agency.id,
      actorUserId: actor.userId,
      target: m.userId,
      details: { role: m.role, source: "sso_group" },
      ip,
    });
  back(agency, "removed", form);
}
