import { describe, expect, it } from "vitest";
import { collectAccount } from "@/jobs/collectAccount";
import { connectBluesky } from "@/lib/channels/blueskySignIn";
import { beginSignIn, completeSignIn, openFlow, type FlowDeps } from "@/lib/channels/oauthFlow";
import { loadConfig } from "@/lib/config";
import { loadCredentials } from "@/lib/platforms/credentials";
import type { OAuthPlatform } from "@/lib/platforms/oauth";
import { ensureFreshCredential, refreshDueCredentials } from "@/lib/platforms/tokens";
import { testAccount } from "@/lib/sandbox/world";
import { useSandbox } from "../helpers/sandbox";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const s = useSandbox({
  world: {
    accounts: [
      ...(["twitter", "youtube", "facebook", "mastodon"] as const).map((p) => testAccount(p, `etat_${p}`)),
      testAccount("bluesky", "etat.bsky.social"),
    ],
  },
});
const KEY = "4a".repeat(32);
const PUBLIC_URL = "http://127.0.0.1:3999";
const deps = (): FlowDeps => ({ db: t.db, config: loadConfig({ PUBLIC_URL }), credentialsKey: KEY });
let n = 0;

async function channel(platform: OAuthPlatform) {
  const agency = await t.db.agency.create({ data: { slug: `oauth-${++n}`, name: `OAuth ${n}` } });
  return t.db.account.create({
    data: {
      agencyId: agency.id,
      platform,
      handle: `etat_${platform}`,
      displayName: platform,
      baseUrl: s.sandbox.baseUrl(platform),
      status: "needs_reconnect",
    },
  });
}

/** What the browser does: open the platform's consent page, click "Tillat", follow the redirect back. */
async function consent(authorizeUrl: string, decision: "allow" | "deny" = "allow") {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Tillat");
  const url = new URL(authorizeUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set("decision", decision);
  const res = await fetch(url.origin + url.pathname, { method: "POST", body: form, redirect: "manual" });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get("location")!);
  expect(back.pathname).toBe(`/api/oauth/${url.pathname.split("/")[1]}/callback`);
  return Object.fromEntries(back.searchParams) as { code?: string; state?: string; error?: string };
}

async function signIn(account: Awaited<ReturnType<typeof channel>>) {
  const started = await beginSignIn(deps(), account, { slug: "x" });
  if (!started.ok) throw new Error(started.problem);
  const flow = openFlow(started.cookie, KEY)!;
  return { flow, started, query: await consent(started.url) };
}

describe("connecting a channel with the platform's own sign-in (sandbox authorisation servers)", () => {
  it.each(["twitter", "youtube", "facebook", "mastodon"] as const)(
    "%s: consent, code exchange, token stored encrypted, channel active",
    async (platform) => {
      const account = await channel(platform);
      const { flow, started, query } = await signIn(account);
      const url = new URL(started.url);
      expect(url.searchParams.get("code_challenge_method")).toBe(platform === "facebook" ? null : "S256");
      expect(await completeSignIn(deps(), platform, flow, account, query)).toEqual({ ok: true, accountId: account.id });
      const after = await t.db.account.findUniqueOrThrow({ where: { id: account.id }, include: { credential: true } });
      expect(after.status).toBe("active");
      expect(after.baseUrl).toBe(s.sandbox.baseUrl(platform));
      const secret = await loadCredentials(t.db, after.credentialId!, KEY);
      expect(secret.token).toMatch(/^sbx-/);
      expect(Buffer.from(after.credential!.ciphertext).toString("latin1")).not.toContain(secret.token);
      if (platform === "twitter")
        expect(after.credential!.accessExpiresAt!.getTime()).toBeCloseTo(Date.now() + 7200_000, -4);
      if (platform === "youtube") expect(secret.refreshToken).toBeDefined();
      // A Facebook Page token has no expiry of its own; the 90-day data-access expiry is known.
      if (platform === "facebook")
        expect(after.credential).toMatchObject({ accessExpiresAt: null, grantExpiresAt: expect.any(Date) });
      if (platform === "mastodon")
        expect(await t.db.oAuthApp.count({ where: { issuer: s.sandbox.baseUrl("mastodon") } })).toBe(1);
    },
  );

  it("a wrong state, a replayed code or a wrong PKCE verifier connects nothing", async () => {
    const account = await channel("twitter");
    const { flow, query } = await signIn(account);
    expect(
      await completeSignIn(deps(), "twitter", flow, account, { ...query, state: "forged-state-forged-state" }),
    ).toEqual({ ok: false, problem: "oauth_failed" });
    expect(await completeSignIn(deps(), "twitter", { ...flow, verifier: "x".repeat(43) }, account, query)).toEqual({
      ok: false,
      problem: "oauth_failed",
    });
    // The code was used up by the failed exchange above (codes work once).
    expect(await completeSignIn(deps(), "twitter", flow, account, query)).toEqual({
      ok: false,
      problem: "oauth_failed",
    });
    expect((await t.db.account.findUniqueOrThrow({ where: { id: account.id } })).credentialId).toBeNull();
  });

  it("the person declining on the platform changes nothing", async () => {
    const account = await channel("youtube");
    const started = await beginSignIn(deps(), account, { slug: "x" });
    if (!started.ok) throw new Error(started.problem);
    const q = await consent(started.url, "deny");
    expect(await completeSignIn(deps(), "youtube", openFlow(started.cookie, KEY)!, account, q)).toEqual({
      ok: false,
      problem: "oauth_denied",
    });
  });
});

describe("collecting a signed-in channel", () => {
  it.each(["twitter", "youtube", "facebook", "mastodon"] as const)(
    "%s is collected with the token from the sign-in",
    async (platform) => {
      const account = await channel(platform);
      const { flow, query } = await signIn(account);
      await completeSignIn(deps(), platform, flow, account, query);
      const before = s.sandbox.requests.length;
      const r = await collectAccount(
        {
          db: t.db,
          databaseUrl: t.url,
          pseudonymisationKey: KEY,
          credentialsKey: KEY,
          timeoutMs: 2_000,
          pageSize: 10,
          backfillDays: 30,
        },
        account.id,
      );
      expect(r).toMatchObject({ status: "done", outcome: "success" });
      // A Google OAuth token travels in the Authorization header, never as the API key.
      if (platform === "youtube")
        expect(s.sandbox.requests.slice(before).every((q) => q.query.key === undefined)).toBe(true);
    },
  );
});

describe("Bluesky with an app password", () => {
  it("opens a session, collects with it, refreshes it, and a revoked session needs reconnection", async () => {
    const agency = await t.db.agency.create({ data: { slug: `oauth-${++n}`, name: `OAuth ${n}` } });
    const account = await t.db.account.create({
      data: {
        agencyId: agency.id,
        platform: "bluesky",
        handle: "etat.bsky.social",
        displayName: "Etat",
        baseUrl: s.sandbox.baseUrl("bluesky"),
      },
    });
    expect(await connectBluesky(t.db, account, "feil-pass-ord!-0000", { credentialsKey: KEY, timeoutMs: 2_000 })).toBe(
      "bluesky_rejected",
    );
    expect(await connectBluesky(t.db, account, "abcd-efgh-ijkl-mnop", { credentialsKey: KEY, timeoutMs: 2_000 })).toBe(
      "connected",
    );
    const row = await t.db.account.findUniqueOrThrow({ where: { id: account.id }, include: { credential: true } });
    expect(row.credential!.accessExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 100 * 60_000);
    const before = s.sandbox.requests.length;
    expect(
      await collectAccount(
        {
          db: t.db,
          databaseUrl: t.url,
          pseudonymisationKey: KEY,
          credentialsKey: KEY,
          timeoutMs: 2_000,
          pageSize: 10,
          backfillDays: 30,
        },
        account.id,
      ),
    ).toMatchObject({ outcome: "success" });
    expect(s.sandbox.requests.length).toBeGreaterThan(before);

    await t.db.credential.update({
      where: { id: row.credentialId! },
      data: { accessExpiresAt: new Date(Date.now() + 60_000) },
    });
    expect(await ensureFreshCredential(t.db, row, { credentialsKey: KEY })).toMatchObject({ status: "refreshed" });
    s.sandbox.oauth.revokeAll("bluesky");
    await t.db.credential.update({
      where: { id: row.credentialId! },
      data: { accessExpiresAt: new Date(Date.now() - 1_000) },
    });
    expect(await ensureFreshCredential(t.db, row, { credentialsKey: KEY })).toMatchObject({
      status: "needs_reconnect",
    });
  });
});

describe("keeping tokens fresh", () => {
  it("an access token about to expire is refreshed with the refresh token; a dead grant marks the channel for reconnection, and reconnecting keeps its history", async () => {
    const account = await channel("twitter");
    const { flow, query } = await signIn(account);
    await completeSignIn(deps(), "twitter", flow, account, query);
    const first = await loadCredentials(
      t.db,
      (await t.db.account.findUniqueOrThrow({ where: { id: account.id } })).credentialId!,
      KEY,
    );
    await t.db.post.create({
      data: {
        agencyId: account.agencyId,
        accountId: account.id,
        platformPostId: "p1",
        publishedAt: new Date(),
        text: "historikk",
      },
    });

    const current = await t.db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect((await ensureFreshCredential(t.db, current, { credentialsKey: KEY })).status).toBe("fresh");
    await t.db.credential.update({
      where: { id: current.credentialId! },
      data: { accessExpiresAt: new Date(Date.now() + 60_000) },
    });
    expect(await refreshDueCredentials(t.db, { credentialsKey: KEY })).toMatchObject({
      refreshed: 1,
      needsReconnect: 0,
    });
    const second = await loadCredentials(t.db, current.credentialId!, KEY);
    expect(second.token).not.toBe(first.token);
    // X rotates refresh tokens.
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(
      (await t.db.credential.findUniqueOrThrow({ where: { id: current.credentialId! } })).accessExpiresAt!.getTime(),
    ).toBeGreaterThan(Date.now() + 7000_000);

    // The person revokes the app: the next refresh gets the platform's "invalid" answer.
    s.sandbox.oauth.revokeAll("twitter");
    await t.db.credential.update({
      where: { id: current.credentialId! },
      data: { accessExpiresAt: new Date(Date.now() - 1000) },
    });
    expect(await ensureFreshCredential(t.db, current, { credentialsKey: KEY })).toMatchObject({
      status: "needs_reconnect",
    });
    expect((await t.db.account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("needs_reconnect");

    const again = await signIn(account);
    expect((await completeSignIn(deps(), "twitter", again.flow, account, again.query)).ok).toBe(true);
    expect((await t.db.account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("active");
    expect(await t.db.post.count({ where: { accountId: account.id } })).toBe(1);
  });

  it("two refreshes at once use the rotating refresh token once", async () => {
    const account = await channel("twitter");
    const { flow, query } = await signIn(account);
    await completeSignIn(deps(), "twitter", flow, account, query);
    const current = await t.db.account.findUniqueOrThrow({ where: { id: account.id } });
    await t.db.credential.update({
      where: { id: current.credentialId! },
      data: { accessExpiresAt: new Date(Date.now() - 1000) },
    });
    const results = await Promise.all([
      ensureFreshCredential(t.db, current, { credentialsKey: KEY }),
      ensureFreshCredential(t.db, current, { credentialsKey: KEY }),
    ]);
    expect(results.map((r) => `${r.status}${"reason" in r ? r.reason : ""}`).sort()).toEqual(["fresh", "refreshed"]);
    expect((await t.db.account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("active");
  });

  it("a sandbox token past its expiry is refused by the sandbox's API like a real expired token", async () => {
    const account = await channel("twitter");
    const { flow, query } = await signIn(account);
    await completeSignIn(deps(), "twitter", flow, account, query);
    const secret = await loadCredentials(
      t.db,
      (await t.db.account.findUniqueOrThrow({ where: { id: account.id } })).credentialId!,
      KEY,
    );
    const ok = await fetch(`${s.sandbox.baseUrl("twitter")}/2/users/by/username/etat_twitter`, {
      headers: { authorization: `Bearer ${secret.token}` },
    });
    expect(ok.status).toBe(200);
    s.sandbox.oauth.revokeAll("twitter");
    const refused = await fetch(`${s.sandbox.baseUrl("twitter")}/2/users/by/username/etat_twitter`, {
      headers: { authorization: `Bearer ${secret.token}` },
    });
    expect(refused.status).toBe(401);
  });
});
