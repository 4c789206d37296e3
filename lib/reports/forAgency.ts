import type { NextRequest } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { UiLocale } from "@/lib/format";
import { agencyOrThrow, errorResponse, langOf, parseOrThrow, RequestError } from "@/lib/metrics/request";
import { hasRole, type VisibleAgency } from "@/lib/permissions/access";
import { weekStart } from "@/lib/time";
import { getWeeklyReportData } from "./data";
import { renderReport } from "./render";
import { previousWeek, reportWeek } from "./week";

/** `?week=2026-11-16` (any day of the wanted ISO week); absent = the last complete week. */
export const WeekParam = z.iso.date({ message: "issueDate" }).optional();

/** `?lang=sv`: the report in another language than the agency's (an unknown value is ignored). */
const ReportLangParam = z.enum(["nb", "sv", "en"]).optional().catch(undefined);

/** The report of one agency and week, rendered for the browser and PDF (chart inline as data: URL). */
export async function renderReportForAgency(agency: VisibleAgency, weekDay: string | undefined, locale?: UiLocale) {
  const week = weekDay ? reportWeek(weekStart(weekDay), agency.timeZone) : previousWeek(new Date(), agency.timeZone);
  const data = await getWeeklyReportData(db(), agency, week);
  return { ...(await renderReport(data, { inlineChart: true, locale })), week };
}

/** For the admin-only preview and PDF routes: the rendered report, or the request pipeline's 404/400 response. */
export async function reportForAdminRequest(request: NextRequest, slug: string) {
  try {
    const agency = await agencyOrThrow(slug);
    if (!hasRole(agency, "admin")) throw new RequestError(404, "not_found");
    const query = parseOrThrow(
      z.object({ week: WeekParam, lang: ReportLangParam }),
      {
        week: request.nextUrl.searchParams.get("week") ?? undefined,
        lang: request.nextUrl.searchParams.get("lang") ?? undefined,
      },
      langOf(request),
    );
    return { agency, report: await renderReportForAgency(agency, query.week, query.lang) };
  } catch (e) {
    if (e instanceof RequestError) return errorResponse(e, langOf(request));
    throw e;
  }
}
