import type { BetterAuthOptions } from "better-auth";

const snake = <T extends string>(...names: T[]) =>
  Object.fromEntries(names.map((n) => [n, n.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)])) as Record<T, string>;

/** 8 hours: a working day. Re-validated against the database on every request. */
export const SESSION_SECONDS = 8 * 60 * 60;

/**
 * Table and column names for better-auth, in the product's snake_case. The tables themselves are
 * created by our SQL migrations (prisma/migrations/*_auth), never by better-auth's own migrator.
 */
export const AUTH_SCHEMA = {
  user: { modelName: "app_user", fields: snake("emailVerified", "createdAt", "updatedAt") },
  session: {
    modelName: "auth_session",
    expiresIn: SESSION_SECONDS,
    updateAge: 60 * 60,
    fields: snake("expiresAt", "createdAt", "updatedAt", "ipAddress", "userAgent", "userId"),
  },
  account: {
    modelName: "auth_identity",
    fields: snake(
      "accountId",
      "providerId",
      "userId",
      "accessToken",
      "refreshToken",
      "idToken",
      "accessTokenExpiresAt",
      "refreshTokenExpiresAt",
      "createdAt",
      "updatedAt",
    ),
  },
  verification: { modelName: "auth_verification", fields: snake("expiresAt", "createdAt", "updatedAt") },
} satisfies Partial<BetterAuthOptions>;
