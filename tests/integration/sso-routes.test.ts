import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as callback } from "@/app/api/sso/callback/route";
import { GET as start } from "@/app/api/sso/start/route";
import { FLOW_COOKIE, saveFlow } from "@/lib/auth/sso/flow";
import { useTestDatabase } from "../helpers/testDb";
import { setConfig } from "../helpers/config";

const t = useTestDatabase();
const BASE = "http://localhost:3000";
const SSO = { OIDC_ISSUER: "http://127.0.0.1:9/realms/ingen", OIDC_CLIENT_ID: "kanal", OIDC_CLIENT_SECRET: "hemmelig" };

const NO_SSO = { OIDC_ISSUER: undefined, OIDC_CLIENT_ID: undefined, OIDC_CLIENT_SECRET: undefined };
const settings = () => ({ DATABASE_URL: t.url, AUTH_SECRET: "b".repeat(64) });

beforeAll(() => {
  setConfig({ ...settings(), ...NO_SSO });
});

const get = (path: string, headers: Record<string, string> = {}) =>
  new NextRequest(`${BASE}${path}`, { headers: { "x-forwarded-for": "10.3.0.1", ...headers } });

describe("the SSO routes never fail with a server error", () => {
  it("send the browser back to the login page with a reason when SSO is off", async () => {
    const res = await start(get("/api/sso/start"));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?sso=off");
  });

  it("say the provider is unavailable when its discovery cannot be reached, and record it", async () => {
    setConfig({ ...settings(), ...SSO });
    const res = await start(get("/api/sso/start?next=//evil.example&invite=ikke-et-token"));
    expect(res.headers.get("location")).toBe("/login?sso=unavailable");
    expect(await t.db.auditEvent.count({ where: { action: "sso_failed" } })).toBe(1);
  });

  it("refuse a callback without this browser's flow, whatever the query says", async () => {
    for (const cookie of [undefined, `${FLOW_COOKIE}=ukjent`, `${FLOW_COOKIE}=${"A".repeat(43)}`]) {
      const res = await callback(
        get("/api/sso/callback?code=abc&state=xyz&iss=http%3A%2F%2Fevil", cookie ? { cookie } : {}),
      );
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/login?sso=failed");
      expect(res.headers.get("set-cookie")).toMatch(
        new RegExp(`^${FLOW_COOKIE}=; Path=/api/sso; Max-Age=0; HttpOnly; SameSite=Lax`),
      );
    }
  });

  it("report a sign-in cancelled at the provider, and use the flow only once", async () => {
    const id = await saveFlow(t.db, { state: "s", nonce: "n", codeVerifier: "v", next: "/", invite: null });
    const cookie = `${FLOW_COOKIE}=${id}`;
    expect(
      (await callback(get("/api/sso/callback?error=access_denied&state=s", { cookie }))).headers.get("location"),
    ).toBe("/login?sso=cancelled");
    expect(
      (await callback(get("/api/sso/callback?error=access_denied&state=s", { cookie }))).headers.get("location"),
    ).toBe("/login?sso=failed");
  });

  it("fail cleanly when the code cannot be exchanged (provider unreachable)", async () => {
    const id = await saveFlow(t.db, { state: "s", nonce: "n", codeVerifier: "v", next: "/", invite: null });
    const res = await callback(get("/api/sso/callback?code=abc&state=s", { cookie: `${FLOW_COOKIE}=${id}` }));
    expect(res.headers.get("location")).toBe("/login?sso=failed");
  });
});
