import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { SocialPlatform } from "@/lib/platforms/types";

/**
 * The sandbox's authorisation servers, one per platform with a person's sign-in, at that
 * platform's own paths and in its documented shapes: X (OAuth 2.0 with PKCE), Google (YouTube),
 * Facebook (Login dialog, code exchange, long-lived user token, Page tokens from /me/accounts) and
 * Mastodon (apps registered on the fly through POST /api/v1/apps). The consent page is one click.
 * Tokens the sandbox issued stop working when they expire or are revoked, like the real ones.
 */

/** The installation's app on each sandbox platform: the sandbox is its own developer console. */
export const SANDBOX_APPS: Record<"twitter" | "youtube" | "facebook", { clientId: string; clientSecret: string }> = {
  twitter: { clientId: "kanal-sandbox-x-client", clientSecret: "kanal-sandbox-x-secret" },
  youtube: { clientId: "kanal-sandbox.apps.googleusercontent.com", clientSecret: "kanal-sandbox-google-secret" },
  facebook: { clientId: "100000000000001", clientSecret: "0123456789abcdef0123456789abcdef" },
};

type Grant = {
  platform: SocialPlatform;
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  scope: string;
  expiresAt: number;
};
type Issued = { platform: SocialPlatform; clientId: string; scope: string; expiresAt: number | null };

const LIFETIME_S: Partial<Record<SocialPlatform, number>> = { twitter: 7200, youtube: 3599, facebook: 5400 };
const FB_LONG_LIVED_S = 5_183_999;
const FB = "/v25.0";

export class SandboxOAuth {
  private codes = new Map<string, Grant>();
  private access = new Map<string, Issued>();
  private refresh = new Map<string, Issued>();
  private apps = new Map<string, { clientSecret: string; redirectUris: string[] }>();

  /** Revokes every grant on a platform (the person removed the app, or changed their password). */
  revokeAll(platform: SocialPlatform): number {
    let n = 0;
    for (const map of [this.access, this.refresh])
      for (const [k, v] of map) {
        if (v.platform !== platform) continue;
        map.delete(k);
        n++;
      }
    return n;
  }

  /** True when a token this sandbox issued is expired or revoked; other tokens are left to the platform fakes. */
  rejects(token: string | null): boolean {
    if (!token?.startsWith("sbx-")) return false;
    const t = this.access.get(token);
    return !t || (t.expiresAt !== null && t.expiresAt < Date.now());
  }

  /** Answers the platform's OAuth paths; false for every other path. */
  async answer(
    platform: SocialPlatform,
    path: string,
    url: URL,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<boolean> {
    const route = `${platform} ${path}`;
    const authorize = [
      "twitter /i/oauth2/authorize",
      "youtube /o/oauth2/v2/auth",
      `facebook ${FB}/dialog/oauth`,
      "mastodon /oauth/authorize",
    ].includes(route);
    if (authorize) {
      const params = req.method === "POST" ? new URLSearchParams(await body(req)) : url.searchParams;
      if (req.method === "POST") this.decide(platform, params, res);
      else this.consentPage(platform, params, res);
      return true;
    }
    if (
      route === "twitter /2/oauth2/token" ||
      route === "youtube /token" ||
      route === "mastodon /oauth/token" ||
      route === `facebook ${FB}/oauth/access_token`
    ) {
      const form = new URLSearchParams(req.method === "POST" ? await body(req) : url.search);
      this.token(platform, form, req.headers.authorization, res);
      return true;
    }
    if (route === "twitter /2/oauth2/revoke" && req.method === "POST") {
      const token = new URLSearchParams(await body(req)).get("token") ?? "";
      this.access.delete(token);
      this.refresh.delete(token);
      json(res, 200, { revoked: true });
      return true;
    }
    if (route === `facebook ${FB}/me/accounts`) {
      this.pages(url, req, res);
      return true;
    }
    if (route === "bluesky /xrpc/com.atproto.server.createSession" && req.method === "POST") {
      const p = z
        .object({ identifier: z.string(), password: z.string() })
        .safeParse(JSON.parse((await body(req)) || "null"));
      const who = p.success ? this.blueskyAccount(p.data.identifier) : null;
      // The sandbox takes any app password of the right shape for its accounts.
      if (!p.success || !who || !/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/.test(p.data.password))
        return (json(res, 401, { error: "AuthenticationRequired", message: "Invalid identifier or password" }), true);
      this.session(who, res);
      return true;
    }
    if (route === "bluesky /xrpc/com.atproto.server.refreshSession" && req.method === "POST") {
      const rt = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
      const held = this.refresh.get(rt);
      if (!held || held.platform !== "bluesky")
        return (json(res, 400, { error: "ExpiredToken", message: "Token has been revoked" }), true);
      this.refresh.delete(rt);
      const [did, handle] = held.scope.split(" ") as [string, string];
      this.session({ did, handle }, res);
      return true;
    }
    if (route === "mastodon /api/v1/apps" && req.method === "POST") {
      const raw = await body(req);
      const p = req.headers["content-type"]?.includes("json")
        ? new URLSearchParams(Object.entries(JSON.parse(raw || "{}") as Record<string, string>))
        : new URLSearchParams(raw);
      const name = p.get("client_name");
      const redirect = p.get("redirect_uris");
      if (!name || !redirect)
        return (
          json(res, 422, { error: "Validation failed: Application name can't be blank, Redirect URI can't be blank" }),
          true
        );
      const clientId = token(32);
      const clientSecret = token(32);
      const redirectUris = redirect.split(/\s+/);
      this.apps.set(clientId, { clientSecret, redirectUris });
      json(res, 200, {
        id: String(this.apps.size),
        name,
        website: p.get("website"),
        scopes: (p.get("scopes") ?? "read").split(" "),
        redirect_uris: redirectUris,
        redirect_uri: redirect,
        vapid_key: "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=",
        client_id: clientId,
        client_secret: clientSecret,
        client_secret_expires_at: 0,
      });
      return true;
    }
    return false;
  }

  private client(
    platform: SocialPlatform,
    clientId: string | null,
  ): { clientSecret: string; redirectUris: string[] | null } | null {
    if (!clientId) return null;
    if (platform === "mastodon") return this.apps.get(clientId) ?? null;
    const app = SANDBOX_APPS[platform as keyof typeof SANDBOX_APPS];
    return app && app.clientId === clientId ? { clientSecret: app.clientSecret, redirectUris: null } : null;
  }

  private consentPage(platform: SocialPlatform, p: URLSearchParams, res: ServerResponse) {
    const client = this.client(platform, p.get("client_id"));
    const redirect = p.get("redirect_uri") ?? "";
    if (!client || !redirect || (client.redirectUris && !client.redirectUris.includes(redirect)))
      return html(res, 400, "<h1>Ugyldig forespørsel</h1><p>Ukjent app eller omdirigeringsadresse.</p>");
    const hidden = [...p.entries()]
      .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
      .join("");
    const label =
      { twitter: "X", youtube: "Google (YouTube)", facebook: "Facebook", mastodon: "Mastodon" }[platform as string] ??
      platform;
    html(
      res,
      200,
      `<h1>${esc(label)} – sandkasse</h1>
<p>Appen <strong>Kanalmåling</strong> ber om lesetilgang: <code>${esc(p.get("scope") ?? "")}</code></p>
<form method="post">${hidden}<button type="submit" name="decision" value="allow">Tillat</button> <button type="submit" name="decision" value="deny">Avslå</button></form>`,
    );
  }

  private decide(platform: SocialPlatform, p: URLSearchParams, res: ServerResponse) {
    const client = this.client(platform, p.get("client_id"));
    const redirect = p.get("redirect_uri") ?? "";
    if (!client || !redirect || (client.redirectUris && !client.redirectUris.includes(redirect)))
      return html(res, 400, "<h1>Ugyldig forespørsel</h1>");
    const to = new URL(redirect);
    const state = p.get("state");
    if (state) to.searchParams.set("state", state);
    if (p.get("decision") !== "allow") {
      to.searchParams.set("error", "access_denied");
      if (platform === "facebook") to.searchParams.set("error_reason", "user_denied");
    } else {
      const code = token(24);
      const method = p.get("code_challenge_method");
      this.codes.set(code, {
        platform,
        clientId: p.get("client_id")!,
        redirectUri: redirect,
        challenge: method === "S256" ? p.get("code_challenge") : null,
        scope: p.get("scope") ?? "",
        expiresAt: Date.now() + 10 * 60_000,
      });
      to.searchParams.set("code", code);
    }
    res.writeHead(302, { location: to.toString() });
    res.end();
  }

  private token(platform: SocialPlatform, f: URLSearchParams, authorization: string | undefined, res: ServerResponse) {
    const fail = (status: number, error: string, description: string) =>
      platform === "facebook"
        ? json(res, status, {
            error: {
              message: description,
              type: "OAuthException",
              code: error === "invalid_client" ? 101 : 100,
              fbtrace_id: token(8),
            },
          })
        : json(res, status, { error, error_description: description });
    let clientId = f.get("client_id");
    let secret = f.get("client_secret");
    if (authorization?.startsWith("Basic "))
      [clientId, secret] = Buffer.from(authorization.slice(6), "base64")
        .toString()
        .split(":")
        .map(decodeURIComponent) as [string, string];
    const client = this.client(platform, clientId);
    if (!client || secret !== client.clientSecret) return fail(401, "invalid_client", "Client authentication failed.");
    const grantType = f.get("grant_type");

    if (platform === "facebook" && grantType === "fb_exchange_token") {
      const short = this.access.get(f.get("fb_exchange_token") ?? "");
      if (!short || short.platform !== "facebook" || (short.expiresAt ?? Infinity) < Date.now())
        return fail(400, "invalid_grant", "Error validating access token: Session has expired.");
      const long = this.issue("facebook", clientId!, short.scope, FB_LONG_LIVED_S);
      return json(res, 200, { access_token: long, token_type: "bearer", expires_in: FB_LONG_LIVED_S });
    }
    if (grantType === "authorization_code" || (platform === "facebook" && f.get("code"))) {
      const code = f.get("code") ?? "";
      const grant = this.codes.get(code);
      this.codes.delete(code);
      if (!grant || grant.platform !== platform || grant.clientId !== clientId || grant.expiresAt < Date.now())
        return fail(400, "invalid_grant", "The provided authorization grant is invalid, expired or revoked.");
      if (grant.redirectUri !== f.get("redirect_uri"))
        return fail(400, "invalid_grant", "redirect_uri does not match the authorization request.");
      if (grant.challenge) {
        const verifier = f.get("code_verifier") ?? "";
        if (createHash("sha256").update(verifier).digest("base64url") !== grant.challenge)
          return fail(400, "invalid_grant", "PKCE verification failed: code_verifier does not match code_challenge.");
      }
      return this.tokens(platform, clientId!, grant.scope, true, res);
    }
    if (grantType === "refresh_token") {
      const rt = f.get("refresh_token") ?? "";
      const held = this.refresh.get(rt);
      if (!held || held.platform !== platform) {
        // X answers a dead refresh token with invalid_request (observed in its developer forums).
        return platform === "twitter"
          ? fail(400, "invalid_request", "Value passed for the token was invalid.")
          : fail(400, "invalid_grant", "Token has been expired or revoked.");
      }
      // X rotates refresh tokens; Google keeps the one it gave.
      if (platform === "twitter") this.refresh.delete(rt);
      return this.tokens(platform, clientId!, held.scope, platform === "twitter", res);
    }
    return fail(400, "unsupported_grant_type", `grant_type ${grantType ?? "(none)"} is not supported`);
  }

  private issue(platform: SocialPlatform, clientId: string, scope: string, lifetime: number | null): string {
    const at = `sbx-${token(24)}`;
    this.access.set(at, {
      platform,
      clientId,
      scope,
      expiresAt: lifetime === null ? null : Date.now() + lifetime * 1000,
    });
    return at;
  }

  private tokens(platform: SocialPlatform, clientId: string, scope: string, withRefresh: boolean, res: ServerResponse) {
    const lifetime = LIFETIME_S[platform] ?? null;
    const accessToken = this.issue(platform, clientId, scope, lifetime);
    if (platform === "facebook")
      return json(res, 200, { access_token: accessToken, token_type: "bearer", expires_in: lifetime });
    if (platform === "mastodon")
      return json(res, 200, {
        access_token: accessToken,
        token_type: "Bearer",
        scope,
        created_at: Math.floor(Date.now() / 1000),
      });
    const out: Record<string, unknown> = {
      access_token: accessToken,
      expires_in: lifetime,
      scope,
      token_type: platform === "twitter" ? "bearer" : "Bearer",
    };
    const wantsOffline = platform !== "twitter" || scope.split(" ").includes("offline.access");
    if (withRefresh && wantsOffline) {
      const rt = `sbx-r-${token(24)}`;
      this.refresh.set(rt, { platform, clientId, scope, expiresAt: null });
      out.refresh_token = rt;
    }
    json(res, 200, out);
  }

  private pages(url: URL, req: IncomingMessage, res: ServerResponse) {
    const userToken = url.searchParams.get("access_token") ?? req.headers.authorization?.replace(/^Bearer /, "") ?? "";
    const user = this.access.get(userToken);
    if (!user || user.platform !== "facebook" || (user.expiresAt ?? Infinity) < Date.now()) {
      return json(res, 400, {
        error: {
          message: "Error validating access token: Session has expired.",
          type: "OAuthException",
          code: 190,
          error_subcode: 463,
          fbtrace_id: token(8),
        },
      });
    }
    const pages = this.facebookPages().map((p) => ({
      access_token: this.issue("facebook", user.clientId, user.scope, null),
      category: "Government organization",
      category_list: [{ id: "2235", name: "Government organization" }],
      name: p.name,
      username: p.username,
      id: p.id,
      tasks: ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"],
    }));
    json(res, 200, { data: pages, paging: { cursors: { before: "QVFIUmZA", after: "QVFIUmZB" } } });
  }

  /** A Bluesky session (createSession/refreshSession): two-hour access JWT, rotating refresh JWT. */
  private session(who: { did: string; handle: string }, res: ServerResponse) {
    const accessJwt = this.issue("bluesky", "app-password", `${who.did} ${who.handle}`, 7200);
    const refreshJwt = `sbx-r-${token(24)}`;
    this.refresh.set(refreshJwt, {
      platform: "bluesky",
      clientId: "app-password",
      scope: `${who.did} ${who.handle}`,
      expiresAt: null,
    });
    json(res, 200, { accessJwt, refreshJwt, handle: who.handle, did: who.did, active: true });
  }

  /** Set by the server: the sandbox's Bluesky account with this handle or DID. */
  blueskyAccount: (identifier: string) => { did: string; handle: string } | null = () => null;

  /** Set by the server: the Pages the sandbox's one Facebook user manages (every sandbox Page). */
  facebookPages: () => { id: string; name: string; username: string }[] = () => [];
}

const token = (bytes: number) => randomBytes(bytes).toString("base64url");
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      data += c;
      if (data.length > 64_000) req.destroy();
    });
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(value));
}

function html(res: ServerResponse, status: number, content: string) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(
    `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Sandkasse – innlogging</title></head><body><main>${content}</main></body></html>`,
  );
}
