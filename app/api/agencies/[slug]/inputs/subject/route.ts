import { z } from "zod";
import { db } from "@/lib/db/client";
import { exportSubject } from "@/lib/inputs/subject";
import { findVisibleAgency, hasRole } from "@/lib/permissions/access";
import { resolveKeysFromEnv } from "@/app/agencies/[slug]/_inputs/keys";

export const dynamic = "force-dynamic";

const Body = z.object({ handle: z.string().trim().min(1).max(200) });

/** Subject access: everything this agency stores about one author handle, as a JSON download. Admins only. */
export async function POST(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const { slug } = await ctx.params;
  const agency = await findVisibleAgency(slug);
  if (!agency) return Response.json({ error: "Fant ikke virksomheten" }, { status: 404 });
  if (!hasRole(agency, "admin")) return Response.json({ error: "Bare administratorer kan hente ut data om en forfatter" }, { status: 403 });
  const type = req.headers.get("content-type") ?? "";
  const raw = type.includes("application/json") ? await req.json().catch(() => null) : Object.fromEntries((await req.formData().catch(() => new FormData())).entries());
  const body = Body.safeParse(raw);
  if (!body.success) return Response.json({ error: "Oppgi brukernavnet (handle) til forfatteren" }, { status: 400 });
  const data = await exportSubject(db(), agency.id, body.data.handle.replace(/^@/, ""), resolveKeysFromEnv().pseudonymisationKey);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="innsyn-${agency.slug}-${data.authorHash.slice(0, 8)}.json"`,
      "cache-control": "no-store",
    },
  });
}

/** Only POST carries a handle (never in a URL, where it would end up in logs); others' agencies stay "not found". */
export async function GET(_req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const { slug } = await ctx.params;
  if (!(await findVisibleAgency(slug))) return Response.json({ error: "Fant ikke virksomheten" }, { status: 404 });
  return Response.json({ error: "Bruk POST med brukernavnet i skjemaet" }, { status: 405, headers: { allow: "POST" } });
}
