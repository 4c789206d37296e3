import { db } from "@/lib/db/client";
import { errorResponse, langOf, RequestError } from "@/lib/metrics/request";
import { csvDocument } from "@/lib/export/csv";
import {
  getPublicTransparency,
  PUBLIC_CACHE_CONTROL,
  PUBLIC_CSV_HEADER,
  publicCsvRows,
} from "@/lib/public/transparency";

export const dynamic = "force-dynamic";

/** The public page's figures as CSV, one measure per row (small: a year of months per channel). */
export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const { slug } = await ctx.params;
  const p = slug.length <= 100 ? await getPublicTransparency(db(), slug) : null;
  // Its own language only for a page that is on: a refusal in it would tell that a closed agency exists.
  if (!p) return errorResponse(new RequestError(404, "not_found"), langOf(req));
  const body = await csvDocument(PUBLIC_CSV_HEADER, publicCsvRows(p), { separator: "," });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${p.agency.slug}-public.csv"`,
      "Cache-Control": PUBLIC_CACHE_CONTROL,
    },
  });
}
