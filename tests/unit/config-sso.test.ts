import { describe, expect, it } from "vitest";
import { loadConfig, ssoRedirectUri } from "@/lib/config";

const SSO = {
  OIDC_ISSUER: "https://login.etat.no/realms/ansatte",
  OIDC_CLIENT_ID: "kanal",
  OIDC_CLIENT_SECRET: "hemmelig",
};

describe("single sign-on settings", () => {
  it("sends the redirect URI the README states: PUBLIC_URL/api/sso/callback", () => {
    expect(ssoRedirectUri(loadConfig({ ...SSO, PUBLIC_URL: "https://kanal.etat.no/" }))).toBe(
      "https://kanal.etat.no/api/sso/callback",
    );
    expect(ssoRedirectUri(loadConfig({ ...SSO, PORT: "8080" }))).toBe("http://localhost:8080/api/sso/callback");
  });

  it("reads the groups claim from OIDC_GROUPS_CLAIM, groups by default", () => {
    expect(loadConfig(SSO).OIDC_GROUPS_CLAIM).toBe("groups");
    expect(loadConfig({ ...SSO, OIDC_GROUPS_CLAIM: "https://etat.no/claims/roller" }).OIDC_GROUPS_CLAIM).toBe(
      "https://etat.no/claims/roller",
    );
    expect(() => loadConfig({ ...SSO, OIDC_GROUPS_CLAIM: "grupper med mellomrom" })).toThrow(
      /OIDC_GROUPS_CLAIM: expected a claim name/,
    );
  });

  it("names the redirect URI to register when the settings are incomplete or wrong", () => {
    expect(() => loadConfig({ OIDC_ISSUER: SSO.OIDC_ISSUER })).toThrow(
      /OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: .*redirect URI PUBLIC_URL\/api\/sso\/callback/,
    );
    expect(() => loadConfig({ ...SSO, OIDC_ISSUER: "ikke en adresse" })).toThrow(
      /OIDC_ISSUER: .*redirect URI PUBLIC_URL\/api\/sso\/callback/,
    );
  });

  it("refuses a plain-http issuer except on this machine", () => {
    expect(() => loadConfig({ ...SSO, OIDC_ISSUER: "http://login.etat.no" })).toThrow(
      /OIDC_ISSUER: expected an https:\/\/ issuer/,
    );
    expect(loadConfig({ ...SSO, OIDC_ISSUER: "http://127.0.0.1:14220" }).OIDC_ISSUER).toBe("http://127.0.0.1:14220");
  });
});
