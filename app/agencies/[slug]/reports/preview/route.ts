import { NextResponse, type NextRequest } from "next/server";
import { reportForAdminRequest } from "@/lib/reports/forAgency";

export const dynamic = "force-dynamic";

/** The weekly report exactly as e-mailed (chart inline), for admins to preview any week. */
export async function GET(request: NextRequest, props: { params: Promise<{ slug: string }> }) {
  const result = await reportForAdminRequest(request, (await props.params).slug);
  if (result instanceof Response) return result;
  return new NextResponse(result.report.html, { headers: { "content-type": "text/html; charset=utf-8" } });
}
