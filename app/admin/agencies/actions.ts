"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { createAgency, setArchived, updateAgency, type AgencyProblem } from "@/lib/agencies/manage";
import { grantMembership } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { translator, type Translator } from "@/lib/intl";
import { pickLocale } from "@/lib/intl/requestLocale";
import { asForm, typedValues, type FormState } from "@/lib/people/formState";
import { requireInstallationAdmin } from "@/lib/permissions/installation";

const Str = z.string().max(300).catch("");
const ip = async () => (await headers()).get("x-forwarded-for");
const texts = async (form: FormData) =>
  translator(pickLocale(form.get("lang"), (await headers()).get("accept-language")), "people");

function problemsToErrors(t: Translator<"people">, problems: AgencyProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of problems) {
    if (p === "name") errors.name = t("nameInvalid");
    if (p === "slug") errors.slug = t("slugInvalid");
    if (p === "slug_taken") errors.slug = t("slugTaken");
    if (p === "time_zone") errors.timeZone = t("timeZoneInvalid");
    if (p === "locale") errors.locale = t("msg_invalid");
    if (p === "parent") errors.parentId = t("parentInvalid");
  }
  return errors;
}

/** Creates an agency; its creator becomes its first administrator, to invite the agency's people. */
export async function createAgencyAction(_prev: FormState, rawForm: unknown): Promise<FormState> {
  const form = asForm(rawForm);
  const user = await requireInstallationAdmin();
  const t = await texts(form);
  const values = typedValues(form, ["name", "slug", "timeZone", "locale", "parentId"]);
  const result = await createAgency(db(), {
    name: Str.parse(form.get("name")),
    slug: Str.parse(form.get("slug")).trim(),
    timeZone: Str.parse(form.get("timeZone")).trim(),
    locale: Str.parse(form.get("locale")),
    parentId: Str.parse(form.get("parentId")) || null,
  });
  if (!result.ok) {
    const errors = problemsToErrors(t, result.problems);
    return { ok: false, message: Object.values(errors)[0]!, errors, values };
  }
  await grantMembership(db(), { userId: user.id, agencyId: result.id, role: "admin" });
  await recordAudit(db(), {
    action: "agency_created",
    agencyId: result.id,
    actorUserId: user.id,
    target: values.slug,
    details: { name: values.name },
    ip: await ip(),
  });
  revalidatePath("/admin/agencies");
  return { ok: true, message: t("agencyCreated", { name: values.name!.trim() }) };
}

export async function updateAgencyAction(agencyId: string, _prev: FormState, rawForm: unknown): Promise<FormState> {
  const form = asForm(rawForm);
  const user = await requireInstallationAdmin();
  const t = await texts(form);
  const values = typedValues(form, ["name", "parentId"]);
  const id = z.uuid().safeParse(agencyId);
  if (!id.success || !(await db().agency.findUnique({ where: { id: id.data }, select: { id: true } }))) notFound();
  const result = await updateAgency(db(), id.data, {
    name: Str.parse(form.get("name")),
    parentId: Str.parse(form.get("parentId")) || null,
  });
  if (!result.ok) {
    const errors = problemsToErrors(t, result.problems);
    return { ok: false, message: Object.values(errors)[0]!, errors, values };
  }
  await recordAudit(db(), {
    action: "agency_changed",
    agencyId: id.data,
    actorUserId: user.id,
    details: { name: values.name, parentId: values.parentId || null },
    ip: await ip(),
  });
  revalidatePath("/admin/agencies");
  return { ok: true, message: t("agencySaved"), values };
}

export async function archiveAgencyAction(rawForm: unknown) {
  const form = asForm(rawForm);
  const user = await requireInstallationAdmin();
  const id = z.uuid().safeParse(form.get("agencyId"));
  const archive = form.get("archive") === "on";
  if (!id.success || !(await db().agency.findUnique({ where: { id: id.data }, select: { id: true } }))) notFound();
  await setArchived(db(), id.data, archive);
  await recordAudit(db(), {
    action: "agency_changed",
    agencyId: id.data,
    actorUserId: user.id,
    details: { archived: archive },
    ip: await ip(),
  });
  const lang = pickLocale(form.get("lang"));
  redirect(`/admin/agencies?msg=${archive ? "archived" : "unarchived"}${lang === "nb" ? "" : `&lang=${lang}`}`);
}
