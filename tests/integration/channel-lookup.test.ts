import { afterEach, describe, expect, it } from "vitest";
import { lookUpChannel } from "@/lib/channels/lookup";
import { testAccount } from "@/lib/sandbox/world";
import { useSandbox } from "../helpers/sandbox";
import { setConfig } from "../helpers/config";

const s = useSandbox({
  world: { accounts: [testAccount("bluesky", "etat.bsky.social", { displayName: "Etaten", followers: 77 })] },
});
afterEach(() => {
  setConfig({});
});

describe("looking up a pasted address for the add form", () => {
  it("uses the sandbox only while this instance runs one", async () => {
    setConfig({}, { SANDBOX_URL: s.sandbox.url });
    expect(await lookUpChannel("https://bsky.app/profile/etat.bsky.social", "sandbox")).toMatchObject({
      ok: true,
      target: { kind: "sandbox" },
      channel: { displayName: "Etaten", followers: 77 },
    });
    setConfig({});
    // Without a running sandbox, "sandbox" from the form means nothing: the real platform (unreachable here).
    expect(await lookUpChannel("https://x.com/etaten", "sandbox")).toMatchObject({
      ok: false,
      problem: "no_app_credentials",
      platform: "twitter",
    });
  });

  it("says the installation lacks the platform's app key instead of calling the platform without one", async () => {
    const before = s.sandbox.requests.length;
    for (const address of [
      "https://x.com/etaten",
      "https://www.youtube.com/@etaten",
      "https://www.flickr.com/photos/etaten",
      "https://www.facebook.com/etaten",
    ]) {
      expect(await lookUpChannel(address, "real")).toMatchObject({ ok: false, problem: "no_app_credentials" });
    }
    expect(s.sandbox.requests.length).toBe(before);
  });

  it("reports an address it cannot read before any lookup", async () => {
    expect(await lookUpChannel("https://www.linkedin.com/company/etaten", "real")).toEqual({
      ok: false,
      problem: "unknown_platform",
      platform: undefined,
    });
  });
});
