import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { findVisibleAgency, hasRole, type VisibleAgency } from "@/lib/permissions/access";
import { weekStart } from "@/lib/time";
import { getWeeklyReportData } from "./data";
import { renderReport } from "./render";
import { previousWeek, reportWeek } from "./week";

/** `?week=2026-11-16` (any day of the wanted ISO week); absent = the last complete week. */
export const WeekParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "week must be a date like 2026-11-16")
  .refine((d) => !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()), "week must be a real date")
  .optional();

/** The report of one agency and week, rendered for the browser and PDF (chart inline as data: URL). */
export async function renderReportForAgency(agency: VisibleAgency, weekDay: string | undefined) {
  const week = weekDay ? reportWeek(weekStart(weekDay), agency.timeZone) : previousWeek(new Date(), agency.timeZone);
  return { ...(await renderReport(await getWeeklyReportData(db(), agency, week), { inlineChart: true })), week };
}

/** For the admin-only preview and PDF routes: the rendered report, or the 404/400 response to send. */
export async function reportForAdminRequest(request: NextRequest, slug: string) {
  const agency = await findVisibleAgency(slug);
  if (!agency || !hasRole(agency, "admin")) return NextResponse.json({ error: "Ikke funnet" }, { status: 404 });
  const week = WeekParam.safeParse(request.nextUrl.searchParams.get("week") ?? undefined);
  if (!week.success) return NextResponse.json({ error: week.error.issues[0]!.message }, { status: 400 });
  return { agency, report: await renderReportForAgency(agency, week.data) };
}
