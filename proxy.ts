import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { pagePostProblem } from "@/lib/http/actionPayload";
import { MAX_CSV_BYTES } from "@/lib/http/limits";
import { translator } from "@/lib/intl";
import { requestLocale } from "@/lib/intl/requestLocale";
import { PAGE_LANG_HEADER, PAGE_PATH_HEADER } from "@/lib/intl/pageHeaders";
import { runtimeConfig } from "@/lib/config";
import { setSecurityHeaders } from "@/lib/http/securityHeaders";

/** Paths anyone may open without signing in. Everything else needs a session. */
const PUBLIC = [
  /^\/login(\/|$)/,
  /^\/invite\/[^/]+$/,
  /^\/api\/auth\//,
  /^\/api\/sso\/(start|callback)$/,
  /^\/api\/health$/,
  /^\/unsubscribe(\/|$)/,
  /^\/public\/[^/]+(\/data\.(csv|json))?$/,
];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const NO_STORE = "no-store";

/**
 * Runs before every request but those of the dashboard's JSON routes (see `config` below): refuses
 * malformed addresses and oversized or undecodable form posts (400/413 with the product's message
 * instead of a 500 from deeper down), security headers with a per-request CSP nonce, CSRF protection
 * for state-changing requests (same origin only), and a cheap redirect to sign-in when there is no
 * session cookie. The session itself is validated by the pages
 * and routes (lib/permissions).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  // Only a refusal needs the texts (the language comes from the address or the Referer).
  const text = () => translator(requestLocale(request.nextUrl, request.headers), "hardening");
  const refuse = (status: number, message: string) =>
    isApi ||
    (request.headers.get("next-action") === null && request.headers.get("accept")?.includes("application/json"))
      ? NextResponse.json({ error: message }, { status, headers: { "cache-control": NO_STORE } })
      : new NextResponse(message, {
          status,
          headers: { "content-type": "text/plain; charset=utf-8", "cache-control": NO_STORE },
        });

  if (!decodablePath(pathname)) return refuse(400, text()("badAddress"));

  if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) return refuse(403, text()("csrf"));

  const isPublic = PUBLIC.some((re) => re.test(pathname));
  if (!isPublic && !getSessionCookie(request)) {
    if (isApi) return refuse(401, text()("notSignedIn"));
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", pathname + request.nextUrl.search);
    return NextResponse.redirect(login);
  }

  // Every POST, /api/ included: an address under /api/ without a route handler is rendered as a page,
  // and Next.js then tries to decode its body as a form action.
  if (request.method === "POST") {
    const problem = await pagePostProblem(request);
    if (problem === "too_large") return refuse(413, text()("tooLarge", { mb: String(MAX_CSV_BYTES / 1_000_000) }));
    if (problem === "malformed") return refuse(400, text()("malformed"));
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
  // The page's address for the layouts (lib/intl/documentLocale.ts); never what the client sent under these names.
  // Header values must be visible ASCII: anything else (a NUL, an emoji in `lang`) is passed as "unknown".
  requestHeaders.set(PAGE_PATH_HEADER, /^[\x21-\x7e]*$/.test(pathname) ? pathname : "");
  const lang = request.nextUrl.searchParams.get("lang") ?? "";
  requestHeaders.set(PAGE_LANG_HEADER, /^[a-z]{2}$/.test(lang) ? lang : "");
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  setSecurityHeaders(response.headers, csp);
  // Answers of the API (JSON, CSV) are per person and often personal data: never kept by a cache.
  if (isApi) response.headers.set("Cache-Control", NO_STORE);
  // The public transparency pages show the same aggregates to everyone: shared caches may keep them briefly.
  if (/^\/public\/[^/]+$/.test(pathname))
    response.headers.set("Cache-Control", "public, max-age=300, stale-while-revalidate=3600");
  return response;
}

/** Every %-escape of the path decodes (Next.js would otherwise throw a URIError deep in routing). */
function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * A state-changing request must say it comes from this site (browsers always send Origin on POST).
 * X-Forwarded-Host names the site only behind a reverse proxy we were told to trust (TRUST_PROXY=on);
 * otherwise anyone could send it.
 */
function isSameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin) {
    const forwarded = runtimeConfig().TRUST_PROXY === "on" ? request.headers.get("x-forwarded-host") : null;
    const host = forwarded ?? request.headers.get("host");
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return request.headers.get("sec-fetch-site") === "same-origin";
}

// :TRICKY: the dashboard's JSON routes (lib/metrics/request.ts scopedRoute, GET only, no form bodies)
// are left out: running the proxy costs a request about a millisecond, so they refuse a request
// without a session cookie and set the security headers themselves. A slug that is not plain
// (a broken %-escape) still comes here. tests/unit/proxyMatcher.test.ts keeps the list and the routes in step.
export const config = {
  matcher: [
    {
      source:
        "/((?!_next/static|_next/image|favicon.ico|api/agencies/[a-z0-9-]+/(?:overview|growth|compare|comparison|reach|replies|posts)$).*)",
    },
  ],
};
