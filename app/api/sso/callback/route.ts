import type { NextRequest } from "next/server";
import { recordAudit } from "@/lib/audit";
import { auth } from "@/lib/auth/auth";
import { FLOW_COOKIE, takeFlow } from "@/lib/auth/sso/flow";
import { completeSignIn } from "@/lib/auth/sso/provider";
import { flowCookie, seeOther } from "@/lib/auth/sso/responses";
import { resolveSsoSignIn } from "@/lib/auth/sso/signIn";
import { ssoStartCompleted } from "@/lib/auth/sso/startLimit";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/**
 * GET /api/sso/callback — the redirect URI registered at the identity provider (PUBLIC_URL + this path).
 * The flow (state, nonce, PKCE verifier, next page, invitation) comes from the server-side record
 * named by this browser's cookie, never from the query.
 */
export async function GET(request: NextRequest) {
  const clear = { "set-cookie": flowCookie("", 0) };
  const ip = request.headers.get("x-forwarded-for");
  const flow = await takeFlow(db(), request.cookies.get(FLOW_COOKIE)?.value);
  const params = request.nextUrl.searchParams;
  if (!flow) {
    await recordAudit(db(), {
      action: "sso_failed",
      details: { step: "flow", error: "unknown or expired sign-in" },
      ip,
    });
    return seeOther("/login?sso=failed", clear);
  }
  if (params.has("error")) {
    await recordAudit(db(), {
      action: "sso_failed",
      details: { step: "provider", error: params.get("error")!.slice(0, 100) },
      ip,
    });
    return seeOther(params.get("error") === "access_denied" ? "/login?sso=cancelled" : "/login?sso=failed", clear);
  }
  let claims: Awaited<ReturnType<typeof completeSignIn>>;
  try {
    claims = await completeSignIn(params, flow);
  } catch (error) {
    const e = error as Error & { code?: string };
    await recordAudit(db(), { action: "sso_failed", details: { step: "token", error: e.code ?? e.name }, ip });
    return seeOther("/login?sso=failed", clear);
  }
  try {
    const outcome = await resolveSsoSignIn(db(), claims, { inviteToken: flow.invite, ip });
    if (outcome.kind === "refused") return seeOther(`/login/sso-refused?reason=${outcome.reason}`, clear);
    await ssoStartCompleted(db(), ip);
    const { headers } = await auth().api.startSsoSession({
      body: { userId: outcome.userId },
      headers: request.headers,
      returnHeaders: true,
    });
    const response = seeOther(outcome.hasAccess ? flow.next : "/no-access", clear);
    for (const cookie of headers.getSetCookie()) response.headers.append("set-cookie", cookie);
    return response;
  } catch (error) {
    console.error("[sso] sign-in could not be completed:", (error as Error).name);
    await recordAudit(db(), {
      action: "sso_failed",
      target: claims.email,
      details: { step: "session", error: (error as Error).name },
      ip,
    });
    return seeOther("/login?sso=failed", clear);
  }
}
