import type { SocialPlatform } from "@/lib/platforms/types";

/**
 * Platforms whose data needs a person's authorisation: Facebook Pages (a Page token), YouTube
 * (Google; analytics), X (user context; the app-only key reads public data), Mastodon (the
 * instance's OAuth) and Bluesky (an app password). Flickr works with the installation's API key.
 */
export const SIGN_IN_PLATFORMS: SocialPlatform[] = ["facebook", "youtube", "twitter", "mastodon", "bluesky"];

/** A real Facebook Page cannot be read at all without a Page token: it waits for the sign-in. */
export function needsSignInFirst(platform: SocialPlatform): boolean {
  return platform === "facebook";
}
