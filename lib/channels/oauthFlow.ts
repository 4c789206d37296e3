import { redactSecrets } from "@/lib/config";
import { CodeChallengeMethod, generateCodeVerifier, generateState, OAuth2Client } from "arctic";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Config } from "@/lib/config";
import { decryptSecret, encryptSecret, secretsEqual } from "@/lib/crypto";
import { FACEBOOK_DATA_ACCESS_DAYS, facebookPageToken, facebookUserToken } from "@/lib/platforms/facebook/oauth";
import { isOAuthPlatform, oauthSetup, redirectUriFor, type OAuthPlatform } from "@/lib/platforms/oauth";
import { saveGrant } from "@/lib/platforms/tokens";

/** The sign-in in progress, kept in an encrypted HttpOnly cookie between the redirect and the callback. */
const FlowSchema = z.object({
  state: z.string().min(16),
  verifier: z.string().min(43),
  accountId: z.uuid(),
  slug: z.string(),
  platform: z.string(),
  lang: z.enum(["nb", "sv", "en"]).optional(),
  exp: z.number(),
});
export type Flow = z.infer<typeof FlowSchema>;

export const FLOW_COOKIE = "kanal_oauth";
export const FLOW_MINUTES = 10;

export type FlowDeps = { db: Db; config: Config; credentialsKey: string | undefined };
export const publicUrl = (config: Config) => config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;

export function sealFlow(flow: Flow, key: string | undefined): string {
  return encryptSecret(JSON.stringify(flow), key).toString("base64url");
}

export function openFlow(sealed: string | undefined, key: string | undefined, now = Date.now()): Flow | null {
  if (!sealed) return null;
  try {
    const flow = FlowSchema.parse(JSON.parse(decryptSecret(Buffer.from(sealed, "base64url"), key)));
    return flow.exp > now ? flow : null;
  } catch {
    return null;
  }
}

/** Where to send the admin to sign in for this channel, and the cookie that proves it was us. */
export async function beginSignIn(
  deps: FlowDeps,
  account: { id: string; platform: string; baseUrl: string | null },
  ctx: { slug: string; lang?: "nb" | "sv" | "en" },
): Promise<{ ok: true; url: string; cookie: string } | { ok: false; problem: "oauth_unavailable" }> {
  if (!isOAuthPlatform(account.platform)) return { ok: false, problem: "oauth_unavailable" };
  const setup = await oauthSetup(
    deps.db,
    { platform: account.platform, baseUrl: account.baseUrl },
    { env: deps.config, publicUrl: publicUrl(deps.config), credentialsKey: deps.credentialsKey },
  ).catch((e: Error) => {
    console.error(`[oauth] ${account.platform} sign-in cannot start: ${e.message}`);
    return null;
  });
  if (!setup) return { ok: false, problem: "oauth_unavailable" };
  const state = generateState();
  const verifier = generateCodeVerifier();
  const client = new OAuth2Client(
    setup.clientId,
    setup.clientSecret,
    redirectUriFor(setup.platform, publicUrl(deps.config)),
  );
  const url = setup.pkce
    ? client.createAuthorizationURLWithPKCE(setup.authorizeUrl, state, CodeChallengeMethod.S256, verifier, setup.scopes)
    : client.createAuthorizationURL(setup.authorizeUrl, state, setup.scopes);
  for (const [k, v] of Object.entries(setup.extra)) url.searchParams.set(k, v);
  const cookie = sealFlow(
    {
      state,
      verifier,
      accountId: account.id,
      slug: ctx.slug,
      platform: account.platform,
      lang: ctx.lang,
      exp: Date.now() + FLOW_MINUTES * 60_000,
    },
    deps.credentialsKey,
  );
  return { ok: true, url: url.toString(), cookie };
}

export type CallbackQuery = { code?: string; state?: string; error?: string };
export type Completion = { ok: true; accountId: string } | { ok: false; problem: "oauth_denied" | "oauth_failed" };

/**
 * The platform sent the admin back: the state must be the one in our cookie (and the cookie this
 * platform's), the code is exchanged with the PKCE verifier, and the tokens are stored encrypted.
 * Facebook's user token becomes a long-lived one and then the Page's own token.
 */
export async function completeSignIn(
  deps: FlowDeps,
  platform: OAuthPlatform,
  flow: Flow,
  account: { id: string; platform: string; baseUrl: string | null; platformId: string | null; handle: string },
  q: CallbackQuery,
): Promise<Completion> {
  const fail = (why: string): Completion => {
    // Never the tokens themselves: only what kind of failure it was.
    console.error(`[oauth] ${platform} sign-in not completed: ${why}`);
    return { ok: false, problem: "oauth_failed" };
  };
  if (flow.platform !== platform || account.platform !== platform || !q.state || !secretsEqual(q.state, flow.state))
    return fail("the state does not match this sign-in");
  if (q.error || !q.code)
    return q.error === "access_denied"
      ? { ok: false, problem: "oauth_denied" }
      : fail(`the platform answered ${q.error ?? "without a code"}`);
  const redirectUri = redirectUriFor(platform, publicUrl(deps.config));
  const setup = await oauthSetup(deps.db, account as { platform: OAuthPlatform; baseUrl: string | null }, {
    env: deps.config,
    publicUrl: publicUrl(deps.config),
    credentialsKey: deps.credentialsKey,
  });
  if (!setup) return fail("no app credentials for this platform");
  try {
    if (platform === "facebook") {
      const app = {
        clientId: setup.clientId,
        clientSecret: setup.clientSecret,
        tokenUrl: setup.tokenUrl,
        graphBase: setup.graphBase,
        timeoutMs: deps.config.PLATFORM_TIMEOUT_MS,
      };
      const user = await facebookUserToken(app, q.code, redirectUri);
      const page = await facebookPageToken(app, user.token, { id: account.platformId, handle: account.handle });
      if (!page) return fail("the Page is not among the pages this person manages");
      await saveGrant(
        deps.db,
        account,
        {
          token: page.token,
          accessExpiresAt: null,
          grantExpiresAt: new Date(Date.now() + FACEBOOK_DATA_ACCESS_DAYS * 86_400_000),
        },
        deps.credentialsKey,
      );
      if (!account.platformId)
        await deps.db.account.update({ where: { id: account.id }, data: { platformId: page.id } });
      return { ok: true, accountId: account.id };
    }
    const tokens = await new OAuth2Client(setup.clientId, setup.clientSecret, redirectUri).validateAuthorizationCode(
      setup.tokenUrl,
      q.code,
      setup.pkce ? flow.verifier : null,
    );
    await saveGrant(
      deps.db,
      account,
      {
        token: tokens.accessToken(),
        ...(tokens.hasRefreshToken() ? { refreshToken: tokens.refreshToken() } : {}),
        accessExpiresAt: "expires_in" in tokens.data ? tokens.accessTokenExpiresAt() : null,
        grantExpiresAt: null,
      },
      deps.credentialsKey,
    );
    return { ok: true, accountId: account.id };
  } catch (error) {
    return fail(`${(error as Error).name}: ${redactSecrets((error as Error).message)}`);
  }
}
