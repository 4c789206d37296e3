import { OAuth2Client, OAuth2RequestError } from "arctic";
import { Prisma, type Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { runtimeConfig, type Config } from "@/lib/config";
import { accessExpiry, BLUESKY_PDS, BlueskySessionError, refreshSession } from "./bluesky/session";
import { encryptSecret } from "@/lib/crypto";
import { loadCredentials, SecretSchema, type Secret } from "./credentials";
import { oauthSetup } from "./oauth";

/** Refresh this long before the access token expires, so no collection meets an expired one. */
export const REFRESH_MARGIN_MS = 10 * 60_000;
/** Admins are warned this long before a grant's known end. */
export const EXPIRY_WARNING_DAYS = 7;

/** An account row as the collector holds it (any platform; only OAuth ones ever refresh). */
export type TokenAccount = {
  id: string;
  platform: Platform;
  baseUrl: string | null;
  credentialId: string | null;
  status?: string;
};

export type Freshness =
  | { status: "none" }
  | { status: "fresh" | "refreshed"; secret: Secret }
  | { status: "needs_reconnect"; reason: string }
  | { status: "failed"; reason: string };

/**
 * Stores what a sign-in (or a refresh) returned: encrypted, the account back to active with all its
 * history, and when the access token and the grant end.
 */
export async function saveGrant(
  db: Db,
  account: { id: string; baseUrl: string | null },
  grant: { token: string; refreshToken?: string; accessExpiresAt: Date | null; grantExpiresAt: Date | null },
  credentialsKey: string | undefined,
): Promise<void> {
  const secret = SecretSchema.parse({
    token: grant.token,
    ...(grant.refreshToken ? { refreshToken: grant.refreshToken } : {}),
  });
  const ciphertext = new Uint8Array(encryptSecret(JSON.stringify(secret), credentialsKey));
  const write = async (tx: Db) => {
    const { agencyId, credentialId } = await tx.account.findUniqueOrThrow({
      where: { id: account.id },
      select: { agencyId: true, credentialId: true },
    });
    const data = { ciphertext, accessExpiresAt: grant.accessExpiresAt, grantExpiresAt: grant.grantExpiresAt };
    const id = credentialId
      ? (await tx.credential.update({ where: { id: credentialId }, data })).id
      : (await tx.credential.create({ data: { agencyId, ...data } })).id;
    await tx.account.update({
      where: { id: account.id },
      data: { credentialId: id, status: "active", baseUrl: account.baseUrl, nextCollectAt: null },
    });
  };
  // Inside ensureFreshCredential's transaction already, or a transaction of its own.
  if ("$transaction" in db) await db.$transaction((tx) => write(tx as unknown as Db));
  else await write(db);
}

// X answers a dead refresh token with invalid_request rather than RFC 6749's invalid_grant.
const isDeadGrant = (e: unknown, platform: Platform) =>
  (e instanceof OAuth2RequestError &&
    (e.code === "invalid_grant" || (platform === "twitter" && e.code === "invalid_request"))) ||
  (e instanceof BlueskySessionError && e.dead);

/** A new access token from the refresh token: OAuth 2.0 through arctic, or a Bluesky session refresh. */
async function renew(
  db: Db,
  account: TokenAccount,
  refreshToken: string,
  ctx: { config: Config; publicUrl: string; key: string | undefined },
): Promise<{ fresh: Secret; accessExpiresAt: Date | null }> {
  if (account.platform === "bluesky") {
    const s = await refreshSession(account.baseUrl ?? BLUESKY_PDS, refreshToken, ctx.config.PLATFORM_TIMEOUT_MS);
    return { fresh: { token: s.accessJwt, refreshToken: s.refreshJwt }, accessExpiresAt: accessExpiry(s.accessJwt) };
  }
  const setup = await oauthSetup(db, account, { env: ctx.config, publicUrl: ctx.publicUrl, credentialsKey: ctx.key });
  if (!setup) throw new Error(`no app for ${account.platform} in this installation`);
  const tokens = await new OAuth2Client(setup.clientId, setup.clientSecret, null).refreshAccessToken(
    setup.tokenUrl,
    refreshToken,
    [],
  );
  return {
    fresh: {
      token: tokens.accessToken(),
      refreshToken: tokens.hasRefreshToken() ? tokens.refreshToken() : refreshToken,
    },
    accessExpiresAt: "expires_in" in tokens.data ? tokens.accessTokenExpiresAt() : null,
  };
}

/**
 * The account's credential, refreshed first when its access token expires within the margin
 * (lifetime from the token response). A refresh token the platform no longer accepts marks the
 * channel needs_reconnect (its history stays). Two callers at once refresh once: the credential
 * row is locked while refreshing, because X rotates refresh tokens and a second use would fail.
 */
export async function ensureFreshCredential(
  db: Db,
  account: TokenAccount,
  opts: { credentialsKey?: string; publicUrl?: string; now?: Date } = {},
): Promise<Freshness> {
  if (!account.credentialId) return { status: "none" };
  const credentialId = account.credentialId;
  const config = runtimeConfig();
  const key = opts.credentialsKey ?? config.CREDENTIALS_KEY;
  const now = opts.now ?? new Date();
  const publicUrl = opts.publicUrl ?? config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  try {
    return await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ access_expires_at: Date | null }[]>(
          Prisma.sql`SELECT access_expires_at FROM credential WHERE id = ${credentialId}::uuid FOR UPDATE`,
        );
        if (!rows[0]) return { status: "none" } as const;
        const secret = await loadCredentials(tx as unknown as Db, credentialId, key);
        const expiresAt = rows[0].access_expires_at;
        if (!expiresAt || expiresAt.getTime() - now.getTime() > REFRESH_MARGIN_MS)
          return { status: "fresh", secret } as const;
        if (!secret.refreshToken) {
          if (expiresAt > now) return { status: "fresh", secret } as const;
          await markNeedsReconnect(tx as unknown as Db, account.id);
          return {
            status: "needs_reconnect",
            reason: "the access token expired and there is no refresh token",
          } as const;
        }
        try {
          const { fresh, accessExpiresAt } = await renew(tx as unknown as Db, account, secret.refreshToken, {
            config,
            publicUrl,
            key,
          });
          const ciphertext = new Uint8Array(encryptSecret(JSON.stringify(SecretSchema.parse(fresh)), key));
          await tx.credential.update({ where: { id: credentialId }, data: { ciphertext, accessExpiresAt } });
          return { status: "refreshed", secret: fresh } as const;
        } catch (error) {
          if (isDeadGrant(error, account.platform)) {
            await markNeedsReconnect(tx as unknown as Db, account.id);
            return {
              status: "needs_reconnect",
              reason: `the platform no longer accepts the refresh token (${(error as { code?: string; error?: string }).code ?? (error as { error?: string }).error})`,
            } as const;
          }
          return { status: "failed", reason: `refresh failed: ${(error as Error).message}` } as const;
        }
      },
      { timeout: 30_000 },
    );
  } catch (error) {
    return { status: "failed", reason: (error as Error).message };
  }
}

async function markNeedsReconnect(db: Db, accountId: string) {
  await db.account.update({ where: { id: accountId }, data: { status: "needs_reconnect" } });
}

/** The scheduled job: refreshes every active channel whose access token ends within the margin. */
export async function refreshDueCredentials(
  db: Db,
  opts: { log?: (m: string) => void; now?: Date; credentialsKey?: string } = {},
): Promise<{ refreshed: number; needsReconnect: number; failed: number }> {
  const now = opts.now ?? new Date();
  const due = await db.account.findMany({
    where: {
      status: "active",
      archivedAt: null,
      credential: { accessExpiresAt: { lte: new Date(now.getTime() + REFRESH_MARGIN_MS) } },
    },
    select: { id: true, platform: true, baseUrl: true, credentialId: true, handle: true },
  });
  const result = { refreshed: 0, needsReconnect: 0, failed: 0 };
  for (const account of due) {
    const r = await ensureFreshCredential(db, account as TokenAccount, { now, credentialsKey: opts.credentialsKey });
    if (r.status === "refreshed") result.refreshed++;
    if (r.status === "needs_reconnect") result.needsReconnect++;
    if (r.status === "failed") result.failed++;
    if (r.status === "needs_reconnect" || r.status === "failed")
      opts.log?.(`${account.platform}:${account.handle}: ${r.reason}`);
  }
  return result;
}
