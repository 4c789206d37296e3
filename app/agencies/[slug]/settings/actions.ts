"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { isIanaTimeZone, LocaleSchema } from "@/lib/agencies/manage";
import { db } from "@/lib/db/client";
import { translator } from "@/lib/intl";
import { agencyPageLocale } from "@/lib/intl/requestLocale";
import { RetentionMonthsSchema, setRetentionMonths } from "@/lib/inputs/settings";
import { asForm, typedValues, type FormState } from "@/lib/people/formState";
import { currentActor, hasRole, requireVisibleAgency } from "@/lib/permissions/access";

/** An agency's admins set its time zone, language and how long replies are kept. */
export async function saveAgencySettings(slug: string, _prev: FormState, rawForm: unknown): Promise<FormState> {
  const form = asForm(rawForm);
  const parsedSlug = z.string().max(100).safeParse(slug);
  if (!parsedSlug.success) notFound();
  const agency = await requireVisibleAgency(parsedSlug.data);
  if (!hasRole(agency, "admin")) notFound();
  const t = translator(agencyPageLocale(form.get("lang"), agency), "people");
  const values = typedValues(form, ["timeZone", "locale", "retentionMonths", "publicPage"]);
  const errors: Record<string, string> = {};
  const timeZone = values.timeZone!.trim();
  if (!isIanaTimeZone(timeZone)) errors.timeZone = t("timeZoneInvalid");
  const locale = LocaleSchema.safeParse(values.locale);
  if (!locale.success) errors.locale = t("msg_invalid");
  const months = RetentionMonthsSchema.safeParse(values.retentionMonths);
  if (!months.success) errors.retentionMonths = t("retentionInvalid");
  const publicPage = z.enum(["on", "off"]).safeParse(values.publicPage ?? "off");
  if (!publicPage.success) errors.publicPage = t("msg_invalid");
  if (Object.keys(errors).length) return { ok: false, message: Object.values(errors)[0]!, errors, values };
  await db().agency.update({
    where: { id: agency.id },
    data: { timeZone, locale: locale.data, publicPage: publicPage.data === "on" },
  });
  await setRetentionMonths(db(), agency.id, months.data!);
  const actor = await currentActor();
  await recordAudit(db(), {
    action: "agency_settings_changed",
    agencyId: agency.id,
    actorUserId: actor.userId,
    details: { timeZone, locale: locale.data!, retentionMonths: months.data!, publicPage: publicPage.data! },
    ip: (await headers()).get("x-forwarded-for"),
  });
  revalidatePath(`/agencies/${agency.slug}`, "layout");
  return { ok: true, message: t("settingsSaved"), values };
}
