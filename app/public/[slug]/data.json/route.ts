import { db } from "@/lib/db/client";
import { getPublicTransparency, PUBLIC_CACHE_CONTROL } from "@/lib/public/transparency";

export const dynamic = "force-dynamic";

/** The public page's figures as JSON (the same object the page renders). */
export async function GET(_req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const { slug } = await ctx.params;
  const p = slug.length <= 100 ? await getPublicTransparency(db(), slug) : null;
  if (!p) return Response.json({ error: "not_found" }, { status: 404 });
  return Response.json(p, { headers: { "Cache-Control": PUBLIC_CACHE_CONTROL, "Access-Control-Allow-Origin": "*" } });
}
