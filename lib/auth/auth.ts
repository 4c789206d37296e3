import { betterAuth } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { recordAudit } from "@/lib/audit";
import { loadConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/pool";
import { authLogger } from "./handler";
import { AUTH_SCHEMA } from "./options";

export const SSO_PROVIDER_ID = "agency-sso";

/** Sign-in attempts per client address within the window (anything above answers 429). */
export const SIGN_IN_LIMIT = { window: 15 * 60, max: 5 };

function createAuth() {
  const config = loadConfig();
  const baseURL = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: start the product with `npm start`");
  const sso = config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET
    ? [genericOAuth({
        config: [{
          providerId: SSO_PROVIDER_ID,
          discoveryUrl: `${config.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
          clientId: config.OIDC_CLIENT_ID,
          clientSecret: config.OIDC_CLIENT_SECRET,
          scopes: ["openid", "email", "profile"],
          pkce: true,
          // Access comes from memberships an admin grants; SSO only proves who someone is.
          disableImplicitSignUp: false,
        }],
      })]
    : [];
  return betterAuth({
    appName: "Kanalmåling",
    logger: authLogger,
    // Account endpoints the product does not offer: they would accept malformed values (a name that is
    // an object) or hand out OAuth tokens. People change passwords and sessions through the product.
    disabledPaths: ["/update-user", "/change-email", "/delete-user", "/link-social", "/unlink-account", "/get-access-token", "/refresh-token", "/account-info"],
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
      customRules: { "/sign-in/email": SIGN_IN_LIMIT, "/sign-in/oauth2": SIGN_IN_LIMIT },
    },
    advanced: {
      useSecureCookies: baseURL.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // scripts/start.ts sets x-forwarded-for from the socket, replacing what the client sent,
      // unless TRUST_PROXY=on says a reverse proxy in front sets it.
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
      database: { generateId: () => crypto.randomUUID() },
    },
    plugins: [...sso, nextCookies()],
    hooks: {
      after: createAuthMiddleware(async (ctx) => {
        const ip = ctx.request?.headers.get("x-forwarded-for") ?? null;
        const session = ctx.context.newSession;
        if (session && (ctx.path.startsWith("/sign-in") || ctx.path.startsWith("/oauth2/callback"))) {
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
  const c = loadConfig();
  return Boolean(c.OIDC_ISSUER && c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET);
}
