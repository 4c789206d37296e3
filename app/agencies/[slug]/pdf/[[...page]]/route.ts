import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { runtimeConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { LangSchema } from "@/lib/dashboard/filters";
import { translator } from "@/lib/intl";
import { currentActor, findVisibleAgency } from "@/lib/permissions/access";
import { renderPagePdf } from "@/lib/reports/pdf";

export const dynamic = "force-dynamic";

/** The dashboard pages that can be printed; anything else is 404. */
const PageSchema = z.enum(["overview", "growth", "reach", "posts", "replies", "compare"]);

/**
 * A dashboard page as PDF (/agencies/<slug>/pdf/<page>?<the page's filters>): Chromium opens the
 * page with the caller's own session, so it shows exactly what the caller may see, or nothing.
 */
export async function GET(request: NextRequest, props: { params: Promise<{ slug: string; page?: string[] }> }) {
  const { slug, page } = await props.params;
  const which = PageSchema.safeParse(page?.length ? page.join("/") : "overview");
  const agency = slug.length <= 100 ? await findVisibleAgency(slug) : null;
  if (!agency || !which.success) return NextResponse.json({ error: "not_found" }, { status: 404 });
  const config = runtimeConfig();
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  const path = `/agencies/${agency.slug}${which.data === "overview" ? "" : `/${which.data}`}`;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}${path}${request.nextUrl.search}`;
  let pdf: Buffer;
  try {
    pdf = await renderPagePdf(url, request.headers.get("cookie") ?? "", config.CHROMIUM_PATH);
  } catch (error) {
    console.error(`page PDF of ${path} failed: ${(error as Error).message}`);
    // The page's language: the one chosen in the address, else the agency's.
    const chosen = LangSchema.safeParse(request.nextUrl.searchParams.get("lang"));
    const lang = chosen.success ? chosen.data : agency.locale;
    return NextResponse.json(
      { error: "pdf_unavailable", message: translator(lang, "takeaway")("pdfFailed") },
      { status: 503 },
    );
  }
  await recordAudit(db(), {
    action: "export",
    agencyId: agency.id,
    actorUserId: (await currentActor()).userId,
    target: `${which.data}.pdf`,
    details: { query: request.nextUrl.search },
  });
  return new NextResponse(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${agency.slug}-${which.data}.pdf"`,
      "cache-control": "private, no-store",
    },
  });
}
