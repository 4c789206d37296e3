import { NextResponse, type NextRequest } from "next/server";
import { findVisibleAgency, hasRole } from "@/lib/permissions/access";
import { renderReportForAgency, WeekParam } from "@/lib/reports/forAgency";

export const dynamic = "force-dynamic";

/** The weekly report exactly as e-mailed (chart inline), for admins to preview any week. */
export async function GET(request: NextRequest, props: { params: Promise<{ slug: string }> }) {
  const agency = await findVisibleAgency((await props.params).slug);
  if (!agency || !hasRole(agency, "admin")) return NextResponse.json({ error: "Ikke funnet" }, { status: 404 });
  const week = WeekParam.safeParse(request.nextUrl.searchParams.get("week") ?? undefined);
  if (!week.success) return NextResponse.json({ error: week.error.issues[0]!.message }, { status: 400 });
  const report = await renderReportForAgency(agency, week.data);
  return new NextResponse(report.html, { headers: { "content-type": "text/html; charset=utf-8" } });
}
