import { describe, expect, it } from "vitest";
import { parseChannelAddress } from "@/lib/channels/parseAddress";

const recognised = (input: string) => {
  const r = parseChannelAddress(input);
  if (!r.ok) throw new Error(`${input}: ${r.problem}`);
  return r.address;
};

describe("recognising a channel from a pasted address", () => {
  it.each([
    ["https://x.com/oslopolitiops", "oslopolitiops"],
    ["x.com/oslopolitiops", "oslopolitiops"],
    ["https://twitter.com/politietoslo?lang=no", "politietoslo"],
    ["http://mobile.twitter.com/Helsedir/", "Helsedir"],
    ["https://www.x.com/politivest/status/1234567890", "politivest"],
  ])("X/Twitter: %s", (input, handle) => {
    expect(recognised(input)).toEqual({ platform: "twitter", handle, platformId: null, instance: null });
  });

  it.each([
    ["https://www.facebook.com/helseogomsorgsdepartementet", "helseogomsorgsdepartementet", null],
    ["facebook.com/politiet.oslo/", "politiet.oslo", null],
    ["https://m.facebook.com/profile.php?id=100064512345678", "100064512345678", "100064512345678"],
    ["https://www.facebook.com/pages/Helse-og-omsorg/123456789012", "123456789012", "123456789012"],
  ])("Facebook: %s", (input, handle, platformId) => {
    expect(recognised(input)).toEqual({ platform: "facebook", handle, platformId, instance: null });
  });

  it.each([
    ["https://www.youtube.com/@HODdep", "HODdep", null],
    ["youtube.com/@helsedirektoratet/videos", "helsedirektoratet", null],
    ["https://m.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw", "UC_x5XG1OV2P6uZZ5FSM9Ttw", "UC_x5XG1OV2P6uZZ5FSM9Ttw"],
  ])("YouTube: %s", (input, handle, platformId) => {
    expect(recognised(input)).toEqual({ platform: "youtube", handle, platformId, instance: null });
  });

  it.each([
    ["https://www.flickr.com/photos/helseogomsorg/", "helseogomsorg", null],
    ["flickr.com/photos/154611951@N04/albums", "154611951@N04", "154611951@N04"],
    ["https://www.flickr.com/people/regjeringen", "regjeringen", null],
  ])("Flickr: %s", (input, handle, platformId) => {
    expect(recognised(input)).toEqual({ platform: "flickr", handle, platformId, instance: null });
  });

  it.each([
    ["https://bsky.app/profile/politiet.bsky.social", "politiet.bsky.social", null],
    ["bsky.app/profile/Helsedir.no", "helsedir.no", null],
    [
      "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur",
      "did:plc:z72i7hdynmk6r22z27h6tvur",
      "did:plc:z72i7hdynmk6r22z27h6tvur",
    ],
  ])("Bluesky: %s", (input, handle, platformId) => {
    expect(recognised(input)).toEqual({ platform: "bluesky", handle, platformId, instance: null });
  });

  it.each([
    ["@polisen@mastodon.nu", "polisen@mastodon.nu", "https://mastodon.nu"],
    ["  polisen@Mastodon.NU ", "polisen@mastodon.nu", "https://mastodon.nu"],
    ["https://mastodon.social/@Gargron", "Gargron@mastodon.social", "https://mastodon.social"],
  ])("Mastodon: %s", (input, handle, instance) => {
    expect(recognised(input)).toEqual({ platform: "mastodon", handle, platformId: null, instance });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["https://www.linkedin.com/company/politiet", "unknown_platform"],
    ["ftp://x.com/oslopolitiops", "unknown_platform"],
    ["oslopolitiops", "unknown_platform"],
    ["https://regjeringen.no/no/dep/hod", "unknown_platform"],
  ])("unknown: %j is %s", (input, problem) => {
    expect(parseChannelAddress(input)).toEqual({ ok: false, problem });
  });

  it.each([
    ["https://x.com/", "twitter"],
    ["https://x.com/search?q=politiet", "twitter"],
    ["https://twitter.com/this_handle_is_far_too_long", "twitter"],
    ["https://www.facebook.com/groups/12345", "facebook"],
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube"],
    ["https://www.youtube.com/channel/UCshort", "youtube"],
    ["https://www.flickr.com/explore", "flickr"],
    ["https://bsky.app/search?q=politi", "bluesky"],
    ["https://bsky.app/profile/not a handle", "bluesky"],
    ["@polis en@mastodon.nu", "mastodon"],
    ["@polisen@localhost", "mastodon"],
  ])("a known platform but not a profile: %s", (input, platform) => {
    expect(parseChannelAddress(input)).toEqual({ ok: false, problem: "not_a_profile", platform });
  });
});
