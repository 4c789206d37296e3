import type { Db } from "@/lib/db/client";
import type { Platform } from "@/lib/generated/prisma/client";
import { SANDBOX_APPS } from "@/lib/sandbox/oauth";
import type { PlatformAppEnv } from "./appEnv";
import { MASTODON_DEFAULT_INSTANCE } from "./mastodon";
import { mastodonApp } from "./mastodon/oauth";
import type { SocialPlatform } from "./types";

export type OAuthPlatform = Extract<SocialPlatform, "twitter" | "youtube" | "facebook" | "mastodon">;
export const OAUTH_PLATFORMS: OAuthPlatform[] = ["twitter", "youtube", "facebook", "mastodon"];
export const isOAuthPlatform = (p: string): p is OAuthPlatform => (OAUTH_PLATFORMS as string[]).includes(p);

/** Everything one sign-in (and its refreshes) needs: the authorisation server's endpoints and the app. */
export type OAuthSetup = {
  platform: OAuthPlatform;
  authorizeUrl: string;
  tokenUrl: string;
  /** Facebook: where /me/accounts lives. */
  graphBase: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  pkce: boolean;
  /** Extra authorisation parameters (Google: offline access, so a refresh token comes back). */
  extra: Record<string, string>;
};

const SCOPES: Record<OAuthPlatform, string[]> = {
  // offline.access: X sends a refresh token; access tokens last 2 hours.
  twitter: ["tweet.read", "users.read", "offline.access"],
  youtube: [
    "https://www.googleapis.com/auth/youtube.readonly",
    "https://www.googleapis.com/auth/yt-analytics.readonly",
  ],
  facebook: ["pages_show_list", "pages_read_engagement", "read_insights"],
  mastodon: ["read"],
};

type Endpoints = { authorizeUrl: string; tokenUrl: string; graphBase: string };

/** The real authorisation servers, or the same paths under the sandbox's prefix for that platform. */
function endpoints(platform: OAuthPlatform, base: string | null): Endpoints {
  switch (platform) {
    case "twitter":
      return base
        ? { authorizeUrl: `${base}/i/oauth2/authorize`, tokenUrl: `${base}/2/oauth2/token`, graphBase: base }
        : {
            authorizeUrl: "https://x.com/i/oauth2/authorize",
            tokenUrl: "https://api.x.com/2/oauth2/token",
            graphBase: "https://api.x.com",
          };
    case "youtube":
      return base
        ? { authorizeUrl: `${base}/o/oauth2/v2/auth`, tokenUrl: `${base}/token`, graphBase: base }
        : {
            authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
            tokenUrl: "https://oauth2.googleapis.com/token",
            graphBase: "https://www.googleapis.com",
          };
    case "facebook":
      return base
        ? { authorizeUrl: `${base}/v25.0/dialog/oauth`, tokenUrl: `${base}/v25.0/oauth/access_token`, graphBase: base }
        : {
            authorizeUrl: "https://www.facebook.com/v25.0/dialog/oauth",
            tokenUrl: "https://graph.facebook.com/v25.0/oauth/access_token",
            graphBase: "https://graph.facebook.com",
          };
    case "mastodon": {
      const instance = (base ?? MASTODON_DEFAULT_INSTANCE).replace(/\/$/, "");
      return { authorizeUrl: `${instance}/oauth/authorize`, tokenUrl: `${instance}/oauth/token`, graphBase: instance };
    }
  }
}

/** The callback address registered with each platform's app. */
export function redirectUriFor(platform: OAuthPlatform, publicUrl: string): string {
  return `${publicUrl.replace(/\/$/, "")}/api/oauth/${platform}/callback`;
}

/**
 * How to sign in for this channel: on the sandbox (its base_url is the sandbox's prefix; the
 * sandbox brings its own app), or on the real platform with the installation's app from the
 * environment. Mastodon registers an app on the instance on first use. Null when the installation
 * has no app for the platform.
 */
export async function oauthSetup(
  db: Db,
  account: { platform: Platform; baseUrl: string | null },
  opts: { env: PlatformAppEnv; publicUrl: string; credentialsKey: string | undefined; timeoutMs?: number },
): Promise<OAuthSetup | null> {
  const platform = account.platform;
  if (!isOAuthPlatform(platform)) return null;
  // Real X, Google and Facebook accounts have no base_url; one there is the sandbox's prefix.
  const sandbox = platform !== "mastodon" && account.baseUrl !== null;
  const ep = endpoints(
    platform,
    platform === "mastodon" ? account.baseUrl : sandbox ? account.baseUrl!.replace(/\/$/, "") : null,
  );
  const common = {
    platform,
    ...ep,
    scopes: SCOPES[platform],
    pkce: platform !== "facebook",
    extra: (platform === "youtube" ? { access_type: "offline", prompt: "consent" } : {}) as Record<string, string>,
  };
  if (platform === "mastodon") {
    const app = await mastodonApp(
      db,
      ep.graphBase,
      redirectUriFor(platform, opts.publicUrl),
      opts.credentialsKey,
      opts.timeoutMs,
    );
    return { ...common, ...app };
  }
  if (sandbox) return { ...common, ...SANDBOX_APPS[platform] };
  const env = opts.env;
  const pair =
    platform === "twitter"
      ? [env.X_CLIENT_ID, env.X_CLIENT_SECRET]
      : platform === "youtube"
        ? [env.GOOGLE_CLIENT_ID, env.GOOGLE_CLIENT_SECRET]
        : [env.FACEBOOK_APP_ID, env.FACEBOOK_APP_SECRET];
  return pair[0] && pair[1] ? { ...common, clientId: pair[0], clientSecret: pair[1] } : null;
}
