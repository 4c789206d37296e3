import { runtimeConfig, publicUrl } from "@/lib/config";
import { FLOW_COOKIE } from "./flow";

/** A 303 redirect; product paths stay relative so the browser keeps the host it used. */
export function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store", ...headers } });
}

/** The cookie that ties a sign-in in flight to this browser (maxAge 0 clears it). */
export function flowCookie(value: string, maxAge: number): string {
  const secure = publicUrl(runtimeConfig()).startsWith("https://") ? "; Secure" : "";
  // SameSite=Lax: sent on the provider's top-level redirect back to the callback, not on cross-site subrequests.
  return `${FLOW_COOKIE}=${value}; Path=/api/sso; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
}
