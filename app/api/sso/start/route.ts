import type { NextRequest } from "next/server";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { ssoEnabled } from "@/lib/auth/auth";
import { FLOW_SECONDS, saveFlow } from "@/lib/auth/sso/flow";
import { authorizationUrl } from "@/lib/auth/sso/provider";
import { allowSsoStart } from "@/lib/auth/sso/startLimit";
import { flowCookie, seeOther } from "@/lib/auth/sso/responses";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const Query = z.object({
  // Only same-site paths: never let ?next= send a signed-in user to another site.
  next: z
    .string()
    .max(2000)
    .regex(/^\/(?!\/)[^\s\\]*$/)
    .catch("/")
    .default("/"),
  invite: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .nullable()
    .catch(null)
    .default(null),
});

/** GET /api/sso/start[?next=/path][&invite=<token>]: sends the browser to the identity provider. */
export async function GET(request: NextRequest) {
  if (!ssoEnabled()) return seeOther("/login?sso=off");
  const { next, invite } = Query.parse(Object.fromEntries(request.nextUrl.searchParams));
  const ip = request.headers.get("x-forwarded-for");
  if (!(await allowSsoStart(db(), ip))) return seeOther("/login?sso=limited", { "retry-after": "60" });
  let started: Awaited<ReturnType<typeof authorizationUrl>>;
  try {
    started = await authorizationUrl();
  } catch (error) {
    await recordAudit(db(), { action: "sso_failed", details: { step: "discovery", error: (error as Error).name }, ip });
    return seeOther("/login?sso=unavailable");
  }
  const flowId = await saveFlow(db(), { ...started.secrets, next, invite });
  return seeOther(started.url.href, { "set-cookie": flowCookie(flowId, FLOW_SECONDS) });
}
