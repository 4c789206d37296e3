"use server";

import { translator } from "@/lib/intl";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AlertKindSchema, PARAM_LIMITS, PARAM_SCHEMAS, saveAlertSetting } from "@/lib/alerts/settings";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { formArg, slugArg } from "@/lib/http/actionArgs";
import { LangSchema } from "@/lib/dashboard/filters";
import { formatNumber, type UiLocale } from "@/lib/format";
import { withAgencyLang } from "@/lib/intl/requestLocale";
import { findVisibleAgency, hasRole, requireVisibleAgency } from "@/lib/permissions/access";

const Slug = z.string().min(1).max(100);
const langOf = (raw: unknown) => LangSchema.catch("nb").parse(raw);
const back = (agency: { slug: string; locale: UiLocale }, msg: string, lang: UiLocale) =>
  redirect(withAgencyLang(`/agencies/${agency.slug}/alerts?msg=${msg}`, lang, agency));

export async function subscribeToAlerts(slug: unknown, rawForm: unknown) {
  const form = formArg(rawForm);
  const agency = await requireVisibleAgency(slugArg(slug));
  const user = (await getSessionUser())!;
  await db().alertSubscription.upsert({
    where: { agencyId_userId: { agencyId: agency.id, userId: user.id } },
    create: { agencyId: agency.id, userId: user.id },
    update: {},
  });
  back(agency, "subscribed", langOf(form.get("lang")));
}

export async function unsubscribeFromAlerts(slug: unknown, rawForm: unknown) {
  const form = formArg(rawForm);
  const agency = await requireVisibleAgency(slugArg(slug));
  const user = (await getSessionUser())!;
  await db().alertSubscription.deleteMany({ where: { agencyId: agency.id, userId: user.id } });
  back(agency, "unsubscribed", langOf(form.get("lang")));
}

export type SettingsState = { ok: boolean; message: string; errors: Record<string, string> } | null;

/** Admins only: one kind's switch and thresholds; every field is checked and a wrong one is named in the page's language. */
export async function saveAlertSettings(slug: unknown, _prev: SettingsState, rawForm: unknown): Promise<SettingsState> {
  const form = formArg(rawForm);
  const lang = langOf(form.get("lang"));
  const t = translator(lang, "alerts");
  const agency = await findVisibleAgency(Slug.catch("").parse(slug));
  const kind = AlertKindSchema.safeParse(form.get("kind"));
  if (!agency || !hasRole(agency, "admin") || !kind.success)
    return { ok: false, message: t("msg_invalid"), errors: {} };
  const limits = PARAM_LIMITS[kind.data] as Record<string, { min: number; max: number }>;
  const raw = Object.fromEntries(
    Object.keys(limits).map((name) => [
      name,
      String(form.get(name) ?? "")
        .trim()
        .replace(",", "."),
    ]),
  );
  const errors: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const l = limits[name]!;
    const field = (PARAM_SCHEMAS[kind.data].shape as Record<string, z.ZodType>)[name]!;
    if (value === "" || !field.safeParse(value).success)
      errors[name] = t("fieldError", { min: formatNumber(l.min, lang), max: formatNumber(l.max, lang) });
  }
  const parsed = PARAM_SCHEMAS[kind.data].safeParse(raw);
  if (Object.keys(errors).length || !parsed.success) return { ok: false, message: t("msg_invalid"), errors };
  await saveAlertSetting(db(), agency.id, kind.data, form.get("enabled") === "on", parsed.data as never);
  return { ok: true, message: t("msg_saved"), errors: {} };
}
