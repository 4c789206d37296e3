import type { SocialPlatform } from "@/lib/platforms/types";
import type { PlatformHandler } from "../server";
import { bluesky } from "./bluesky";
import { facebook } from "./facebook";
import { flickr } from "./flickr";
import { mastodon } from "./mastodon";
import { twitter } from "./twitter";
import { youtube } from "./youtube";

export const PLATFORM_HANDLERS: Record<SocialPlatform, PlatformHandler> = {
  twitter,
  facebook,
  youtube,
  flickr,
  bluesky,
  mastodon,
};
