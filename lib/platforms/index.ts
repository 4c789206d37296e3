import { bluesky, BLUESKY_API } from "./bluesky";
import { facebook, FACEBOOK_API } from "./facebook";
import { flickr, FLICKR_API } from "./flickr";
import { mastodon, MASTODON_DEFAULT_INSTANCE } from "./mastodon";
import { twitter, TWITTER_API } from "./twitter";
import type { Connector, SocialPlatform } from "./types";
import { youtube, YOUTUBE_API } from "./youtube";

export const CONNECTORS: Record<SocialPlatform, Connector> = { twitter, facebook, youtube, flickr, bluesky, mastodon };

/** Where an account's API lives when it has no override: the real platform. */
export const REAL_BASE_URL: Record<SocialPlatform, string> = {
  twitter: TWITTER_API,
  facebook: FACEBOOK_API,
  youtube: YOUTUBE_API,
  flickr: FLICKR_API,
  bluesky: BLUESKY_API,
  mastodon: MASTODON_DEFAULT_INSTANCE,
};
