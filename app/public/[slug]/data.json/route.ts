import { db } from "@/lib/db/client";
import { errorResponse, langOf, RequestError } from "@/lib/metrics/request";
import { getPublicTransparency, PUBLIC_CACHE_CONTROL } from "@/lib/public/transparency";

export const dynamic = "force-dynamic";

/** The public page's figures as JSON (the same object the page renders). */
export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const { slug } = await ctx.params;
  const p = slug.length <= 100 ? await getPublicTransparency(db(), slug) : null;
  // Its own language only for a page that is on: a refusal in it would tell that a closed agency exists.
  if (!p) return errorResponse(new RequestError(404, "not_found"), langOf(req));
  return Response.json(p, { headers: { "Cache-Control": PUBLIC_CACHE_CONTROL, "Access-Control-Allow-Origin": "*" } });
}
