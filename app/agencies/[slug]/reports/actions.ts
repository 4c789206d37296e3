"use server";

import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { runtimeConfig, redactSecrets } from "@/lib/config";
import { db } from "@/lib/db/client";
import { formFields, slugArg } from "@/lib/http/actionArgs";
import { createMailer } from "@/lib/mail/transport";
import { hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { getWeeklyReportData } from "@/lib/reports/data";
import { renderReport, reportMessage } from "@/lib/reports/render";
import { previousWeek } from "@/lib/reports/week";

const Locale = z.enum(["nb", "sv", "en"]);
/** `lang`: the page's language (kept on the way back); `reportLang`: the e-mail's, empty = the agency's. */
const FormSchema = z.object({
  lang: Locale.optional().catch(undefined),
  reportLang: Locale.nullable().catch(null),
});

function readForm(form: unknown) {
  const fields = formFields(form);
  return FormSchema.parse({ lang: fields.lang, reportLang: fields.reportLang || null });
}

const back = (slug: string, msg: string, lang: string | undefined) =>
  redirect(`/agencies/${slug}/reports?msg=${msg}${lang ? `&lang=${lang}` : ""}`);

export async function subscribe(slug: unknown, form: unknown) {
  const agency = await requireVisibleAgency(slugArg(slug));
  const user = (await getSessionUser())!;
  const { lang, reportLang } = readForm(form);
  await db().reportSubscription.upsert({
    where: { agencyId_userId: { agencyId: agency.id, userId: user.id } },
    create: { agencyId: agency.id, userId: user.id, locale: reportLang },
    update: { locale: reportLang },
  });
  back(agency.slug, "subscribed", lang);
}

/** The language of the weekly e-mail for this recipient (null = the agency's). */
export async function setLanguage(slug: unknown, form: unknown) {
  const agency = await requireVisibleAgency(slugArg(slug));
  const user = (await getSessionUser())!;
  const { lang, reportLang } = readForm(form);
  await db().reportSubscription.updateMany({
    where: { agencyId: agency.id, userId: user.id },
    data: { locale: reportLang },
  });
  back(agency.slug, "language", lang);
}

export async function unsubscribe(slug: unknown, form: unknown) {
  const agency = await requireVisibleAgency(slugArg(slug));
  const user = (await getSessionUser())!;
  await db().reportSubscription.deleteMany({ where: { agencyId: agency.id, userId: user.id } });
  back(agency.slug, "unsubscribed", readForm(form).lang);
}

/** Sends last week's report to the admin who asks, now, outside the weekly schedule, in their report language. */
export async function sendTestToMe(slug: unknown, form: unknown) {
  const agency = await requireVisibleAgency(slugArg(slug));
  if (!hasRole(agency, "admin")) notFound();
  const user = (await getSessionUser())!;
  const { lang } = readForm(form);
  const subscription = await db().reportSubscription.findUnique({
    where: { agencyId_userId: { agencyId: agency.id, userId: user.id } },
    select: { locale: true },
  });
  const data = await getWeeklyReportData(db(), agency, previousWeek(new Date(), agency.timeZone));
  const report = await renderReport(data, { locale: subscription?.locale ?? agency.locale });
  const mailer = createMailer(runtimeConfig());
  try {
    await mailer.transporter.sendMail({
      from: mailer.from,
      to: user.email,
      ...reportMessage(report),
      subject: `[Test] ${report.subject}`,
    });
  } catch (error) {
    console.error("[reports] test send failed:", redactSecrets((error as Error).message));
    back(agency.slug, "test_failed", lang);
  }
  back(agency.slug, "test_sent", lang);
}
