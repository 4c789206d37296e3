import * as oidc from "openid-client";
import { z } from "zod";
import { runtimeConfig, ssoRedirectUri, type Config } from "@/lib/config";

/** What the product takes from the identity provider, validated. */
export type SsoClaims = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  groups: string[];
};

const SCOPES = "openid email profile";
const TIMEOUT_SECONDS = 10;

// :TRICKY: discovery is lazy and retried: the product may start before its identity provider, and a
// failed discovery must not stick for the life of the process.
const holder = globalThis as unknown as { __ssoDiscovery?: { key: string; config: Promise<oidc.Configuration> } };

function isLoopback(url: URL): boolean {
  return url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
}

export function providerConfiguration(config: Config = runtimeConfig()): Promise<oidc.Configuration> {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET)
    throw new Error("single sign-on is not configured");
  const key = `${config.OIDC_ISSUER}|${config.OIDC_CLIENT_ID}`;
  if (holder.__ssoDiscovery?.key !== key) {
    const issuer = new URL(config.OIDC_ISSUER);
    const pending = oidc.discovery(issuer, config.OIDC_CLIENT_ID, config.OIDC_CLIENT_SECRET, undefined, {
      timeout: TIMEOUT_SECONDS,
      // Plain http only for a provider on this machine (tests); lib/config.ts refuses it elsewhere.
      execute: isLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
    });
    pending.then(
      (c) => {
        c.timeout = TIMEOUT_SECONDS;
      },
      () => {
        if (holder.__ssoDiscovery?.config === pending) holder.__ssoDiscovery = undefined;
      },
    );
    holder.__ssoDiscovery = { key, config: pending };
  }
  return holder.__ssoDiscovery.config;
}

/** The secrets of one sign-in attempt, kept server-side until the provider sends the browser back. */
export type FlowSecrets = { state: string; nonce: string; codeVerifier: string };

export async function authorizationUrl(): Promise<{ url: URL; secrets: FlowSecrets }> {
  const provider = await providerConfiguration();
  const secrets = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: ssoRedirectUri(runtimeConfig()),
    scope: SCOPES,
    state: secrets.state,
    nonce: secrets.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(secrets.codeVerifier),
    code_challenge_method: "S256",
  });
  return { url, secrets };
}

const Groups = z
  .union([
    z
      .string()
      .max(200)
      .transform((g) => [g]),
    z.array(z.unknown()).max(1000),
  ])
  .transform((list) =>
    (list as unknown[]).filter((g): g is string => typeof g === "string" && g.length > 0 && g.length <= 200),
  )
  .catch([]);
const Claims = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().pipe(z.email().max(200)).optional().catch(undefined),
  email_verified: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")])
    .optional()
    .catch(undefined),
  name: z.string().trim().min(1).max(200).optional().catch(undefined),
  preferred_username: z.string().trim().min(1).max(200).optional().catch(undefined),
});

/**
 * Exchanges the code from the provider's redirect (checking state, nonce and PKCE) and returns who
 * signed in. Claims from userinfo complete the ID token's (many providers put groups only there).
 */
export async function completeSignIn(callbackQuery: URLSearchParams, secrets: FlowSecrets): Promise<SsoClaims> {
  const config = runtimeConfig();
  const provider = await providerConfiguration(config);
  // The redirect URI sent to the token endpoint must be the configured one, whatever host the request used.
  const current = new URL(`${ssoRedirectUri(config)}?${callbackQuery.toString()}`);
  const tokens = await oidc.authorizationCodeGrant(provider, current, {
    pkceCodeVerifier: secrets.codeVerifier,
    expectedState: secrets.state,
    expectedNonce: secrets.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims()!;
  const userinfo = await oidc.fetchUserInfo(provider, tokens.access_token, idClaims.sub);
  const merged: Record<string, unknown> = { ...idClaims, ...userinfo, sub: idClaims.sub };
  const claims = Claims.parse(merged);
  return {
    issuer: idClaims.iss,
    subject: claims.sub,
    email: claims.email ?? null,
    emailVerified: claims.email_verified ?? false,
    name: claims.name ?? claims.preferred_username ?? null,
    groups: groupsFrom(config.OIDC_GROUPS_CLAIM, idClaims, userinfo),
  };
}

/** The group values in the configured claim: from userinfo when it has the claim, else the ID token; a single string counts as one group. */
export function groupsFrom(
  claim: string,
  idToken: Record<string, unknown>,
  userinfo: Record<string, unknown>,
): string[] {
  const value = claim in userinfo ? userinfo[claim] : idToken[claim];
  return [...new Set(Groups.parse(value ?? []))].sort();
}
