import type { SocialPlatform } from "@/lib/platforms/types";

/** What an admin pasted, recognised: the platform and how to look the account up there. */
export type ChannelAddress = {
  platform: SocialPlatform;
  /** The handle stored on the channel (what its connector looks up when it has no platform id). */
  handle: string;
  /** The platform's own id when the address carries it (YouTube UC…, Flickr NSID, Bluesky DID). */
  platformId: string | null;
  /** Mastodon: the instance's origin, e.g. https://mastodon.social. */
  instance: string | null;
};

export type AddressProblem = "empty" | "unknown_platform" | "not_a_profile";
export type ParsedAddress =
  { ok: true; address: ChannelAddress } | { ok: false; problem: AddressProblem; platform?: SocialPlatform };

const X_HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const X_RESERVED = new Set([
  "home",
  "explore",
  "i",
  "search",
  "settings",
  "intent",
  "hashtag",
  "share",
  "notifications",
  "messages",
  "login",
  "signup",
  "tos",
  "privacy",
]);
const FB_NAME = /^[A-Za-z0-9.-]{5,80}$/;
const FB_RESERVED = new Set([
  "groups",
  "events",
  "watch",
  "login",
  "sharer",
  "sharer.php",
  "marketplace",
  "gaming",
  "help",
  "policies",
  "settings",
  "home.php",
  "search",
  "hashtag",
  "photo.php",
  "story.php",
  "permalink.php",
  "reel",
  "people",
]);
const YT_HANDLE = /^[A-Za-z0-9._-]{3,30}$/;
const YT_CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;
const FLICKR_NSID = /^\d+@N\d{2}$/;
const FLICKR_ALIAS = /^[A-Za-z0-9_.-]{2,64}$/;
const BSKY_HANDLE = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DID = /^did:(plc:[a-z2-7]{24}|web:[a-z0-9.-]+)$/;
const MASTODON_USER = /^[A-Za-z0-9_]{1,30}$/;
const HOSTNAME = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const ok = (
  platform: SocialPlatform,
  handle: string,
  platformId: string | null = null,
  instance: string | null = null,
): ParsedAddress => ({ ok: true, address: { platform, handle, platformId, instance } });
const notProfile = (platform: SocialPlatform): ParsedAddress => ({ ok: false, problem: "not_a_profile", platform });

/**
 * Recognises a channel from what people copy: a profile address on X/Twitter, Facebook, YouTube,
 * Flickr or Bluesky (with or without https://, www. or m.), or a Mastodon account as
 * @user@instance or https://instance/@user. Pure: no network, no database.
 */
export function parseChannelAddress(input: string): ParsedAddress {
  const text = input.trim();
  if (!text) return { ok: false, problem: "empty" };
  const fediverse = /^@?([^@/]+)@([^@\s/]+)$/.exec(text);
  if (fediverse) {
    const [, user, host] = fediverse as unknown as [string, string, string];
    const instance = host.toLowerCase();
    if (!MASTODON_USER.test(user) || !HOSTNAME.test(instance)) return notProfile("mastodon");
    return ok("mastodon", `${user}@${instance}`, null, `https://${instance}`);
  }
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, problem: "unknown_platform" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, problem: "unknown_platform" };
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, "");
  const parts = url.pathname
    .split("/")
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const first = parts[0] ?? "";

  switch (host) {
    case "x.com":
    case "twitter.com": {
      const handle = first.replace(/^@/, "");
      return X_HANDLE.test(handle) && !X_RESERVED.has(handle.toLowerCase())
        ? ok("twitter", handle)
        : notProfile("twitter");
    }
    case "facebook.com":
    case "fb.com": {
      if (first === "profile.php") {
        const id = url.searchParams.get("id") ?? "";
        return /^\d{5,20}$/.test(id) ? ok("facebook", id, id) : notProfile("facebook");
      }
      if (first === "pages" && parts.length >= 3 && /^\d{5,20}$/.test(parts[2]!))
        return ok("facebook", parts[2]!, parts[2]!);
      if (FB_RESERVED.has(first.toLowerCase()) || !FB_NAME.test(first)) return notProfile("facebook");
      return ok("facebook", first);
    }
    case "youtube.com": {
      if (first.startsWith("@"))
        return YT_HANDLE.test(first.slice(1)) ? ok("youtube", first.slice(1)) : notProfile("youtube");
      if (first === "channel")
        return YT_CHANNEL_ID.test(parts[1] ?? "") ? ok("youtube", parts[1]!, parts[1]!) : notProfile("youtube");
      return notProfile("youtube");
    }
    case "flickr.com": {
      if ((first !== "photos" && first !== "people") || !parts[1]) return notProfile("flickr");
      const who = parts[1];
      if (FLICKR_NSID.test(who)) return ok("flickr", who, who);
      return FLICKR_ALIAS.test(who) ? ok("flickr", who) : notProfile("flickr");
    }
    case "bsky.app": {
      const who = (parts[1] ?? "").toLowerCase();
      if (first !== "profile" || !who) return notProfile("bluesky");
      if (DID.test(who)) return ok("bluesky", who, who);
      return BSKY_HANDLE.test(who) ? ok("bluesky", who) : notProfile("bluesky");
    }
    default: {
      // Any other host with a /@user path is taken as a Mastodon instance's profile page.
      if (first.startsWith("@") && parts.length === 1 && HOSTNAME.test(host)) {
        const user = first.slice(1);
        if (!MASTODON_USER.test(user)) return notProfile("mastodon");
        return ok("mastodon", `${user}@${url.hostname.toLowerCase()}`, null, `https://${url.hostname.toLowerCase()}`);
      }
      return { ok: false, problem: "unknown_platform" };
    }
  }
}
