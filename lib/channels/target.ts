import type { SocialPlatform } from "@/lib/platforms/types";
import type { PlatformAppEnv } from "@/lib/platforms/appEnv";
import { REAL_BASE_URL } from "@/lib/platforms";
import type { ChannelAddress } from "./parseAddress";
import { runtimeConfig } from "@/lib/config";

/** Where a channel lives: on its real platform, or on the sandbox this instance runs (test data). */
export type Target = { kind: "real" } | { kind: "sandbox"; url: string };

/** The sandbox `npm start` runs beside the Next.js server in this process, if any (pages and route handlers offer it). */
export function runningSandboxUrl(): string | null {
  return runtimeConfig().SANDBOX_URL ?? null;
}

export function isSandboxBaseUrl(baseUrl: string | null): boolean {
  const sandbox = runningSandboxUrl();
  return !!baseUrl && !!sandbox && baseUrl.startsWith(`${sandbox}/`);
}

/** The account's base_url: null for a platform's one real API, the instance for Mastodon, the sandbox's prefix. */
export function baseUrlFor(address: Pick<ChannelAddress, "platform" | "instance">, target: Target): string | null {
  if (target.kind === "sandbox") return `${target.url}/${address.platform}`;
  return address.platform === "mastodon" ? address.instance : null;
}

export function apiRoot(platform: SocialPlatform, baseUrl: string | null): string {
  return baseUrl ?? REAL_BASE_URL[platform];
}

/**
 * The installation's own key for public lookups and collection on a platform, where it has one:
 * X's app-only bearer token, the YouTube Data API key, the Flickr API key, a Facebook app token.
 * The sandbox accepts its own. Bluesky and Mastodon read public data without one.
 */
export function appToken(platform: SocialPlatform, target: Target, env: PlatformAppEnv): string | null {
  if (target.kind === "sandbox") return "sandbox";
  switch (platform) {
    case "twitter":
      return env.X_BEARER_TOKEN ?? null;
    case "youtube":
      return env.YOUTUBE_API_KEY ?? null;
    case "flickr":
      return env.FLICKR_API_KEY ?? null;
    case "facebook":
      return env.FACEBOOK_APP_ID && env.FACEBOOK_APP_SECRET
        ? `${env.FACEBOOK_APP_ID}|${env.FACEBOOK_APP_SECRET}`
        : null;
    default:
      return null;
  }
}

export const NEEDS_APP_TOKEN: SocialPlatform[] = ["twitter", "youtube", "flickr", "facebook"];
