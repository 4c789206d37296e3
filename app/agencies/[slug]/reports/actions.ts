"use server";

import { notFound, redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { runtimeConfig, redactSecrets } from "@/lib/config";
import { db } from "@/lib/db/client";
import { slugArg } from "@/lib/http/actionArgs";
import { createMailer } from "@/lib/mail/transport";
import { hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { getWeeklyReportData } from "@/lib/reports/data";
import { renderReport, reportMessage } from "@/lib/reports/render";
import { previousWeek } from "@/lib/reports/week";

const back = (slug: string, msg: string) => redirect(`/agencies/${slug}/reports?msg=${msg}`);

export async function subscribe(slug: unknown) {
  const agency = await requireVisibleAgency(slugArg(slug));
  const user = (await getSessionUser())!;
  await db().reportSubscription.upsert({
    where: { agencyId_userId: { agencyId: agency.id, userId: user.id } },
    create: { agencyId: agency.id, userId: user.id },
    update: {},
  });
  back(agency.slug, "subscribed");
}

export async function unsubscribe(slug: unknown) {
  const agency = await requireVisibleAgency(slugArg(slug));
  const user = (await getSessionUser())!;
  await db().reportSubscription.deleteMany({ where: { agencyId: agency.id, userId: user.id } });
  back(agency.slug, "unsubscribed");
}

/** Sends last week's report to the admin who asks, now, outside the weekly schedule. */
export async function sendTestToMe(slug: unknown) {
  const agency = await requireVisibleAgency(slugArg(slug));
  if (!hasRole(agency, "admin")) notFound();
  const user = (await getSessionUser())!;
  const report = await renderReport(await getWeeklyReportData(db(), agency, previousWeek(new Date(), agency.timeZone)));
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
    back(agency.slug, "test_failed");
  }
  back(agency.slug, "test_sent");
}
