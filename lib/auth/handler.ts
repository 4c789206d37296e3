import { NextResponse } from "next/server";
import { redactSecrets } from "@/lib/config";
import { translator } from "@/lib/intl";
import { requestLocale } from "@/lib/intl/requestLocale";

/** Secrets better-auth would put into JSON for the browser; the session lives in the HttpOnly cookie alone. */
const SECRET_FIELDS = new Set(["token", "accessToken", "refreshToken", "idToken"]);

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !SECRET_FIELDS.has(k))
      .map(([k, v]) => [k, withoutSecrets(v)]),
  );
}

/** Bodies better-auth reads; anything else it refuses with a log line quoting the request's header. */
const READABLE = /^(application\/json|application\/x-www-form-urlencoded)\s*(;|$)/i;

/** A JSON body that better-auth could not read answers 400 here (its own parser may answer 500). */
async function readable(request: Request): Promise<Request | 415 | 400> {
  const type = request.headers.get("content-type");
  if (request.method === "POST" && type !== null && !READABLE.test(type)) return 415;
  if (request.method !== "POST" || !/^application\/json/i.test(type ?? "")) return request;
  const text = await request.text();
  if (text.trim() !== "") {
    try {
      const body: unknown = JSON.parse(text);
      if (!body || typeof body !== "object" || Array.isArray(body)) return 400;
    } catch {
      return 400;
    }
  }
  const headers = new Headers(request.headers);
  headers.delete("content-length"); // the text may re-encode to another length
  return new Request(request.url, { method: request.method, headers, body: text });
}

/**
 * better-auth's handler with the product's rules around it: malformed JSON answers 400 with the
 * product's message, an unknown path the product's 404 body (both in the request's language), and no
 * JSON answer carries the session token (or any OAuth token).
 */
export async function handleAuthRequest(
  request: Request,
  handler: (req: Request) => Promise<Response>,
): Promise<Response> {
  const checked = await readable(request);
  const locale = () => requestLocale(new URL(request.url), request.headers);
  if (typeof checked === "number") {
    const text = translator(locale(), "hardening");
    return NextResponse.json({ error: text("badJson") }, { status: checked, headers: { "cache-control": "no-store" } });
  }
  const response = await handler(checked);
  // better-auth answers a path it does not know (or no longer offers) with an empty 404.
  if (response.status === 404 && response.body === null) {
    const message = translator(locale(), "metrics")("not_found");
    return NextResponse.json(
      { error: "not_found", message, issues: [] },
      { status: 404, headers: { "cache-control": "no-store" } },
    );
  }
  if (!(response.headers.get("content-type") ?? "").includes("application/json")) return response;
  const body = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return new Response(body, { status: response.status, headers: response.headers });
  }
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(withoutSecrets(parsed)), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/**
 * better-auth's log lines without their extra arguments, which can hold what a request sent (a body,
 * a provider's answer): the message alone, with secret values masked.
 */
export const authLogger = {
  level: "warn" as const,
  log: (level: "debug" | "info" | "warn" | "error", message: string) => {
    const line = `[auth] ${redactSecrets(String(message)).slice(0, 300)}`;
    if (level === "error") console.error(line);
    else console.warn(line);
  },
};
