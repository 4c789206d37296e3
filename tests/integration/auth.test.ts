import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { auth } from "@/lib/auth/auth";
import { handleAuthRequest } from "@/lib/auth/handler";
import { THROTTLE } from "@/lib/auth/throttle";
import { createLocalUser, grantMembership } from "@/lib/auth/users";
import { visibleAgenciesOf } from "@/lib/permissions/visibleAgencies";
import { proxy } from "@/proxy";
import { useTestDatabase } from "../helpers/testDb";
import { setConfig } from "../helpers/config";

const t = useTestDatabase();
const ORIGIN = "http://localhost:3000";
const PASSWORD = "riktig-passord-2026";

beforeAll(async () => {
  setConfig({ DATABASE_URL: t.url, AUTH_SECRET: "a".repeat(64), PORT: "3000" });
  await createLocalUser(t.db, { email: "kari@etat.test", name: "Kari", password: PASSWORD });
});

function signIn(email: string, password: string, ip: string, acceptLanguage = "nb", referer?: string) {
  return auth().handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: ORIGIN,
        "x-forwarded-for": ip,
        "accept-language": acceptLanguage,
        ...(referer ? { referer } : {}),
      },
      body: JSON.stringify({ email, password }),
    }),
  );
}

describe("sign-in", () => {
  it("gives the same answer for an unknown e-mail and a wrong password", async () => {
    const unknown = await signIn("ingen@etat.test", PASSWORD, "10.0.0.1");
    const wrong = await signIn("kari@etat.test", "feil-passord-2026", "10.0.0.1");
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it("blocks an account after 5 wrong passwords with 429, Retry-After and a message in the sign-in page's language, even for the right password", async () => {
    await createLocalUser(t.db, { email: "per@etat.test", name: "Per", password: PASSWORD });
    const statuses = [];
    for (let i = 0; i < THROTTLE.account.free; i++)
      statuses.push((await signIn("per@etat.test", "feil-passord-2026", `10.0.1.${i}`)).status);
    expect(statuses).toEqual(Array(THROTTLE.account.free).fill(401));
    expect((await signIn("per@etat.test", "feil-passord-2026", "10.0.1.99")).status).toBe(401);
    const blocked = await signIn("per@etat.test", PASSWORD, "10.0.2.1", "en-GB,en;q=0.9");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { message: string }).message).toMatch(
      /^Too many failed sign-ins\. Wait \d+ minutes?/,
    );
    // Opened with ?lang=, the sign-in page speaks that language whatever the browser prefers; so does its 429.
    const chosen = await signIn("per@etat.test", PASSWORD, "10.0.2.1", "en-GB,en;q=0.9", `${ORIGIN}/login?lang=sv`);
    expect(chosen.status).toBe(429);
    expect(((await chosen.json()) as { message: string }).message).toMatch(/^För många/);
    // Another person at the same address signs in as usual.
    expect((await signIn("kari@etat.test", PASSWORD, "10.0.1.0")).status).toBe(200);
  });

  it("does not count successful sign-ins: one person signing in many times from one address is never throttled", async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn("kari@etat.test", PASSWORD, "10.0.3.1")).status);
    expect(statuses).toEqual(Array(12).fill(200));
  });

  it("closes better-auth's own password endpoints, which would bypass the password policy", async () => {
    const res = await auth().handler(
      new Request(`${ORIGIN}/api/auth/change-password`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ currentPassword: PASSWORD, newPassword: "aaaaaaaaaaaa" }),
      }),
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found", message: "Fant ikke det du ba om.", issues: [] });
  });

  it("says so in the request's language: its address's lang, else the page it was sent from", async () => {
    const closed = (path: string, headers: Record<string, string> = {}) =>
      auth().handler(
        new Request(`${ORIGIN}/api/auth/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: ORIGIN, ...headers },
          body: JSON.stringify({ email: "kari@etat.test" }),
        }),
      );
    const en = await closed("request-password-reset?lang=en");
    expect(en.status).toBe(404);
    expect(((await en.json()) as { message: string }).message).toBe("Not found.");
    const sv = await closed("reset-password", { referer: `${ORIGIN}/account?lang=sv` });
    expect(sv.status).toBe(404);
    expect(((await sv.json()) as { message: string }).message).toBe("Hittades inte.");
    // Those better-auth no longer offers at all answer the same through the product's auth route.
    const gone = await handleAuthRequest(
      new Request(`${ORIGIN}/api/auth/forget-password?lang=en`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ email: "kari@etat.test" }),
      }),
      (r) => auth().handler(r),
    );
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ error: "not_found", message: "Not found.", issues: [] });
  });

  it("issues an HttpOnly, SameSite session cookie that stops working once the session has expired", async () => {
    const res = await signIn("kari@etat.test", PASSWORD, "10.0.0.4");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const headers = new Headers({ cookie: cookie.split(";")[0]! });
    expect((await auth().api.getSession({ headers }))?.user.email).toBe("kari@etat.test");
    await t.db.authSession.updateMany({ data: { expiresAt: new Date(Date.now() - 60_000) } });
    expect(await auth().api.getSession({ headers })).toBeNull();
  });

  it("stores passwords only as scrypt hashes", async () => {
    const identity = await t.db.authIdentity.findFirstOrThrow({ where: { user: { email: "kari@etat.test" } } });
    expect(identity.password).not.toContain(PASSWORD);
    expect(identity.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);
  });
});

describe("CSRF protection", () => {
  const post = (headers: Record<string, string>) =>
    proxy(
      new NextRequest(`${ORIGIN}/agencies/x/members`, {
        method: "POST",
        headers: { host: "localhost:3000", ...headers },
      }),
    );

  it("rejects a state-changing request from another site", async () => {
    expect((await post({ origin: "https://angriper.example" })).status).toBe(403);
    expect((await post({})).status).toBe(403);
  });

  it("lets a same-origin request through to the page's own checks", async () => {
    const res = await post({ origin: ORIGIN, cookie: "better-auth.session_token=x" });
    expect(res.status).toBe(200);
  });
});

describe("which agencies a user sees", () => {
  it("starts from nothing, is widened by memberships, and reaches child agencies only when granted", async () => {
    const ministry = await t.db.agency.create({ data: { slug: "dep", name: "Departementet" } });
    const directorate = await t.db.agency.create({
      data: { slug: "dir", name: "Direktoratet", parentId: ministry.id },
    });
    await t.db.agency.create({ data: { slug: "annen", name: "Annen etat" } });
    const user = await createLocalUser(t.db, { email: "leder@dep.test", name: "Leder", password: PASSWORD });

    expect(await visibleAgenciesOf(t.db, user.id)).toEqual([]);
    await grantMembership(t.db, { userId: user.id, agencyId: ministry.id, role: "admin" });
    expect((await visibleAgenciesOf(t.db, user.id)).map((a) => [a.slug, a.role])).toEqual([["dep", "admin"]]);
    await grantMembership(t.db, { userId: user.id, agencyId: ministry.id, role: "admin", includeChildren: true });
    expect((await visibleAgenciesOf(t.db, user.id)).map((a) => [a.slug, a.role])).toEqual([
      ["dep", "admin"],
      ["dir", "viewer"],
    ]);
    await grantMembership(t.db, { userId: user.id, agencyId: ministry.id, role: "editor", includeChildren: true });
    expect((await visibleAgenciesOf(t.db, user.id)).map((a) => a.slug)).toEqual(["dep"]);
    expect(directorate.id).toBeDefined();
  });
});
