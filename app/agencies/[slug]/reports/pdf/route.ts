import { NextResponse, type NextRequest } from "next/server";
import { recordAudit } from "@/lib/audit";
import { runtimeConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { currentActor } from "@/lib/permissions/access";
import { reportForAdminRequest } from "@/lib/reports/forAgency";
import { renderPdf } from "@/lib/reports/pdf";

export const dynamic = "force-dynamic";

/** The weekly report as PDF for the agency's records archive. */
export async function GET(request: NextRequest, props: { params: Promise<{ slug: string }> }) {
  const result = await reportForAdminRequest(request, (await props.params).slug);
  if (result instanceof Response) return result;
  const { agency, report } = result;
  let pdf: Buffer;
  try {
    pdf = await renderPdf(report.html, runtimeConfig().CHROMIUM_PATH);
  } catch (error) {
    return NextResponse.json({ error: (error as Error).message }, { status: 503 });
  }
  await recordAudit(db(), {
    action: "export",
    agencyId: agency.id,
    actorUserId: (await currentActor()).userId,
    target: "weekly-report.pdf",
    details: { week: `${report.week.year}-W${report.week.week}` },
  });
  return new NextResponse(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${report.fileBase}.pdf"`,
    },
  });
}
