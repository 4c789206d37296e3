import { z } from "zod";
import { db } from "@/lib/db/client";
import { exportSubject } from "@/lib/inputs/subject";
import { translator } from "@/lib/intl";
import { errorResponse, langOf, RequestError } from "@/lib/metrics/request";
import { findVisibleAgency, hasRole } from "@/lib/permissions/access";
import { resolveKeysFromEnv } from "@/app/agencies/[slug]/_inputs/keys";

export const dynamic = "force-dynamic";

const Body = z.object({ handle: z.string().trim().min(1).max(200) });

/** Subject access: everything this agency stores about one author handle, as a JSON download. Admins only. */
export async function POST(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const { slug } = await ctx.params;
  const agency = await findVisibleAgency(slug);
  // Only admins may see that subject access exists here; for anyone else it is "not found" (docs/architecture.md).
  const lang = langOf(req, agency?.locale);
  if (!agency || !hasRole(agency, "admin")) return errorResponse(new RequestError(404, "not_found"), lang);
  const type = req.headers.get("content-type") ?? "";
  const raw = type.includes("application/json")
    ? await req.json().catch(() => null)
    : Object.fromEntries((await req.formData().catch(() => new FormData())).entries());
  const body = Body.safeParse(raw);
  if (!body.success)
    return errorResponse(
      new RequestError(400, "invalid_parameters", [
        { parameter: "handle", message: translator(lang, "inputs")("subjectHandleMissing") },
      ]),
      lang,
    );
  const data = await exportSubject(
    db(),
    agency.id,
    body.data.handle.replace(/^@/, ""),
    resolveKeysFromEnv().pseudonymisationKey,
  );
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="innsyn-${agency.slug}-${data.authorHash.slice(0, 8)}.json"`,
      "cache-control": "no-store",
    },
  });
}

/** Only POST carries a handle (never in a URL, where it would end up in logs); others' agencies stay "not found". */
export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const { slug } = await ctx.params;
  const agency = await findVisibleAgency(slug);
  const lang = langOf(req, agency?.locale);
  if (!agency) return errorResponse(new RequestError(404, "not_found"), lang);
  const issue = { parameter: null, message: translator(lang, "inputs")("subjectUsePost") };
  const res = errorResponse(new RequestError(405, "method_not_allowed", [issue]), lang);
  res.headers.set("allow", "POST");
  return res;
}
