import { db } from "@/lib/db/client";
import { translator } from "@/lib/intl";
import { pickLocale, requestLang, requestLocale } from "@/lib/intl/requestLocale";
import { checkThrottle, clearThrottle, recordFailure, throttleKeys } from "./throttle";

/**
 * Password endpoints of better-auth that would set a password without the product's policy
 * (lib/auth/password.ts): people change theirs on /account, new people set theirs on /invite.
 */
const CLOSED = new Set([
  "/change-password",
  "/set-password",
  "/reset-password",
  "/request-password-reset",
  "/forget-password",
]);

const keysOf = (body: unknown, headers?: Headers | null) =>
  throttleKeys({
    email: typeof (body as { email?: unknown })?.email === "string" ? (body as { email: string }).email : null,
    ip: headers?.get("x-forwarded-for") ?? null,
  });

export type Refusal = {
  status: 404 | 429;
  body: { message: string } & Record<string, unknown>;
  headers?: Record<string, string>;
};

/**
 * Before better-auth answers: the closed password endpoints are "not found" with the product's 404 body (the one of
 * lib/metrics/request.ts) in the request's language; /sign-in/email answers 429 with Retry-After while the account
 * or the address is blocked.
 */
export async function signInThrottleBefore(
  path: string | undefined,
  body: unknown,
  headers?: Headers | null,
  url?: string,
): Promise<Refusal | null> {
  if (path && CLOSED.has(path)) {
    const locale = requestLocale(new URL(url ?? "http://localhost/"), headers ?? new Headers());
    const message = translator(locale, "metrics")("not_found");
    return { status: 404, body: { error: "not_found", message, issues: [] } };
  }
  if (path !== "/sign-in/email") return null;
  const verdict = await checkThrottle(db(), keysOf(body, headers));
  if (!verdict.blocked) return null;
  // The sign-in page's own choice (lib/intl/requestLocale.ts pickLocale): its ?lang=, which the form's request
  // carries as its Referer, else the browser's preference.
  const h = headers ?? new Headers();
  const t = translator(
    pickLocale(requestLang(new URL(url ?? "http://localhost/"), h), h.get("accept-language")),
    "people",
  );
  return {
    status: 429,
    body: { message: t("throttled", { minutes: Math.ceil(verdict.retryAfterSeconds / 60) }) },
    headers: { "Retry-After": String(verdict.retryAfterSeconds) },
  };
}

/** After /sign-in/email: a wrong e-mail or password counts on both keys; a success clears the account's. */
export async function signInThrottleAfter(
  path: string | undefined,
  body: unknown,
  headers: Headers | null | undefined,
  signedIn: boolean,
  returned: unknown,
): Promise<void> {
  if (path !== "/sign-in/email") return;
  const keys = keysOf(body, headers);
  if (signedIn)
    await clearThrottle(
      db(),
      keys.filter((k) => k.kind === "account"),
    );
  else if ((returned as { statusCode?: number } | undefined)?.statusCode === 401) await recordFailure(db(), keys);
}
