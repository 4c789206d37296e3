import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { recordAudit } from "@/lib/audit";
import { runtimeConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/pool";
import { authLogger } from "./handler";
import { AUTH_SCHEMA } from "./options";
import { ssoSessionPlugin } from "./sso/sessionPlugin";
import { signInThrottleAfter, signInThrottleBefore } from "./signInThrottle";

/** Sign-in attempts per client address within the window (anything above answers 429). */
export const SIGN_IN_LIMIT = { window: 15 * 60, max: 5 };

function createAuth() {
  const config = runtimeConfig();
  const baseURL = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const secret = config.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: start the product with `npm start`");
  return betterAuth({
    appName: "Kanalmåling",
    logger: authLogger,
    // Account endpoints the product does not offer: they would accept malformed values (a name that is
    // an object) or hand out OAuth tokens. People change passwords and sessions through the product.
    disabledPaths: [
      "/update-user",
      "/change-email",
      "/delete-user",
      "/link-social",
      "/unlink-account",
      "/get-access-token",
      "/refresh-token",
      "/account-info",
    ],
    baseURL,
    secret,
    trustedOrigins: [baseURL, `http://127.0.0.1:${config.PORT}`, `http://localhost:${config.PORT}`],
    database: pool(),
    ...AUTH_SCHEMA,
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, autoSignIn: false },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "auth_rate_limit",
      fields: { lastRequest: "last_request" },
      // Password sign-in is throttled by failures per account and per address instead (lib/auth/throttle.ts);
      // SSO does not go through better-auth: app/api/sso/start throttles its own start (lib/auth/sso/startLimit.ts).
      customRules: { "/sign-in/email": false },
    },
    advanced: {
      useSecureCookies: baseURL.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // scripts/start.ts sets x-forwarded-for from the socket, replacing what the client sent,
      // unless TRUST_PROXY=on says a reverse proxy in front sets it.
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
      database: { generateId: () => crypto.randomUUID() },
    },
    // Single sign-on runs in app/api/sso/* (openid-client); this plugin only starts its sessions.
    plugins: [ssoSessionPlugin(), nextCookies()],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const refused = await signInThrottleBefore(
          ctx.path,
          ctx.body,
          ctx.request?.headers ?? ctx.headers,
          ctx.request?.url,
        );
        if (refused) throw new APIError(refused.status, refused.body, refused.headers);
      }),
      after: createAuthMiddleware(async (ctx) => {
        await signInThrottleAfter(
          ctx.path,
          ctx.body,
          ctx.request?.headers ?? ctx.headers,
          Boolean(ctx.context.newSession),
          ctx.context.returned,
        );
        const ip = ctx.request?.headers.get("x-forwarded-for") ?? null;
        const session = ctx.context.newSession;
        if (session && ctx.path.startsWith("/sign-in")) {
          await recordAudit(db(), { action: "sign_in", actorUserId: session.user.id, target: session.user.email, ip });
        } else if (ctx.path === "/sign-in/email") {
          const email = typeof ctx.body?.email === "string" ? ctx.body.email.slice(0, 200) : null;
          await recordAudit(db(), { action: "sign_in_failed", target: email, ip });
        } else if (ctx.path === "/sign-out") {
          await recordAudit(db(), { action: "sign_out", ip });
        }
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

// :TRICKY: one instance per process, shared by every Next.js route bundle (see lib/db/client.ts).
const holder = globalThis as unknown as { __auth?: Auth };

export function auth(): Auth {
  holder.__auth ??= createAuth();
  return holder.__auth;
}

export function ssoEnabled(): boolean {
  const c = runtimeConfig();
  return Boolean(c.OIDC_ISSUER && c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET);
}
