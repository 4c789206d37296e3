import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";

describe("the installation's platform app credentials", () => {
  it("are all optional", () => {
    expect(loadConfig({}).X_CLIENT_ID).toBeUndefined();
  });

  it("accept complete pairs", () => {
    const c = loadConfig({
      X_CLIENT_ID: "abc",
      X_CLIENT_SECRET: "def",
      FACEBOOK_APP_ID: "123456789",
      FACEBOOK_APP_SECRET: "0".repeat(32),
      GOOGLE_CLIENT_ID: "1-x.apps.googleusercontent.com",
      GOOGLE_CLIENT_SECRET: "s",
    });
    expect(c).toMatchObject({ X_CLIENT_ID: "abc", FACEBOOK_APP_ID: "123456789" });
  });

  it("stop the start with the missing half of a pair named", () => {
    expect(() => loadConfig({ X_CLIENT_ID: "abc" })).toThrow(
      /X_CLIENT_SECRET: needs both X_CLIENT_ID and X_CLIENT_SECRET/,
    );
    expect(() => loadConfig({ GOOGLE_CLIENT_SECRET: "s" })).toThrow(/GOOGLE_CLIENT_ID: needs both/);
  });

  it("name a malformed key", () => {
    expect(() => loadConfig({ FLICKR_API_KEY: "nope" })).toThrow(
      /FLICKR_API_KEY: expected the 32-character Flickr API key/,
    );
  });
});
