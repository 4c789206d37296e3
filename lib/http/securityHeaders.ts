import { runtimeConfig } from "@/lib/config";

/** What an API answer (JSON, CSV) may load or be framed by: nothing. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The headers every response carries, with its Content-Security-Policy: set by proxy.ts, and by the
 * dashboard's JSON routes themselves (lib/metrics/request.ts), which the proxy does not run for.
 */
export function setSecurityHeaders(headers: Headers, csp: string): void {
  headers.set("Content-Security-Policy", csp);
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  // HSTS follows the configured address, not what a request (or a forged header) claims.
  if (runtimeConfig().PUBLIC_URL?.startsWith("https://")) {
    headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
}
