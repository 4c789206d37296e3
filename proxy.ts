import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

/** Paths anyone may open without signing in. Everything else needs a session. */
const PUBLIC = [/^\/login(\/|$)/, /^\/invite\/[^/]+$/, /^\/api\/auth\//, /^\/api\/sso\/(start|callback)$/, /^\/api\/health$/, /^\/unsubscribe(\/|$)/, /^\/public\/[^/]+(\/data\.(csv|json))?$/];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Runs before every request: security headers with a per-request CSP nonce, CSRF protection for
 * state-changing requests (same origin only), and a cheap redirect to sign-in when there is no
 * session cookie. The session itself is validated by the pages and routes (lib/permissions).
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;

  if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
    return NextResponse.json({ error: "Forespørselen kom fra et annet nettsted og ble avvist (CSRF-vern)." }, { status: 403 });
  }

  const isPublic = PUBLIC.some((re) => re.test(pathname));
  if (!isPublic && !getSessionCookie(request)) {
    if (pathname.startsWith("/api/")) return NextResponse.json({ error: "Ikke innlogget" }, { status: 401 });
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", pathname + request.nextUrl.search);
    return NextResponse.redirect(login);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // Chart.js and React set style attributes; no inline scripts are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  // The public transparency pages show the same aggregates to everyone: shared caches may keep them briefly.
  if (/^\/public\/[^/]+$/.test(pathname)) response.headers.set("Cache-Control", "public, max-age=300, stale-while-revalidate=3600");
  if (request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https") {
    response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  return response;
}

/** A state-changing request must say it comes from this site (browsers always send Origin on POST). */
function isSameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin) {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return request.headers.get("sec-fetch-site") === "same-origin";
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
