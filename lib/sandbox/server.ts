import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SOCIAL_PLATFORMS, type SocialPlatform } from "@/lib/platforms/types";
import { FaultBook, type Fault } from "./faults";
import { demoWorld, type SandboxWorld } from "./world";
import { PLATFORM_HANDLERS } from "./platforms";
import { SandboxOAuth } from "./oauth";
import { did } from "./platforms/common";

export type SandboxOptions = {
  world?: SandboxWorld;
  /** Calls allowed per window and platform before 429s (real platforms publish such budgets). */
  rateLimit?: { limit: number; windowMs: number };
  /** Caps every page size, so tests can see pagination with few items. */
  maxPageSize?: number;
  /** Tokens the fake accepts; anything else is an invalid token. Default: any token. */
  validTokens?: string[];
};

export type SandboxRequest = { platform: SocialPlatform; path: string; query: Record<string, string>; at: number };

export type PlatformRequest = {
  path: string;
  query: URLSearchParams;
  token: string | null;
  now: Date;
  world: SandboxWorld;
  pageSize: (requested: number | null, fallback: number, max: number) => number;
  retired: boolean;
  /** YouTube: the videos have comments turned off. */
  commentsDisabled: boolean;
  origin: string;
};

export type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/** Per platform: answers requests, and shapes its errors and rate-limit headers the way that platform does. */
export type PlatformHandler = {
  handle(req: PlatformRequest): Reply;
  rateLimitHeaders(
    limit: number,
    remaining: number,
    resetAt: Date,
    windowMs: number,
    path: string,
  ): Record<string, string>;
  /** The refusal with its headers: the platform decides which of its usage headers a 429 carries. */
  rateLimited(resetAt: Date, limitHeaders: Record<string, string>, path: string): Reply;
  expiredToken(): Reply;
  quota(resetAt: Date, path: string): Reply;
  serverError(): Reply;
};

export type Sandbox = {
  url: string;
  baseUrl(platform: SocialPlatform): string;
  fault(f: Fault): void;
  clearFaults(): void;
  requests: SandboxRequest[];
  /** The authorisation servers (lib/sandbox/oauth.ts). */
  oauth: SandboxOAuth;
  close(): Promise<void>;
};

/**
 * The fake platforms: one HTTP server on loopback answering each platform under its own prefix
 * (/twitter, /facebook, /youtube, /flickr, /bluesky, /mastodon) with that platform's paths, shapes,
 * pagination, rate-limit headers and error bodies. Used by the test suite and, as the sandbox, by
 * `npm start`.
 */
export async function startSandbox(opts: SandboxOptions & { port?: number; host?: string } = {}): Promise<Sandbox> {
  const world = opts.world ?? demoWorld();
  const faults = new FaultBook();
  const requests: SandboxRequest[] = [];
  const windows = new Map<SocialPlatform, { start: number; count: number }>();
  const rl = opts.rateLimit ?? { limit: 900, windowMs: 15 * 60_000 };
  let origin = "";
  const oauth = new SandboxOAuth();
  oauth.blueskyAccount = (identifier) => {
    const a = world.accounts.find(
      (x) => x.platform === "bluesky" && (x.handle === identifier.toLowerCase() || did(x.id) === identifier),
    );
    return a ? { did: did(a.id), handle: a.handle } : null;
  };
  oauth.facebookPages = () =>
    world.accounts
      .filter((a) => a.platform === "facebook")
      .map((a) => ({ id: a.id, name: a.displayName, username: a.handle }));

  const server: Server = createServer((req, res) => {
    void answer(req, res).catch((error) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: String(error) } });
    });
  });
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  async function answer(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sandbox");
    // Test control, outside every platform's paths: the person revokes the app on a platform.
    if (url.pathname === "/_sandbox/oauth/revoke" && req.method === "POST") {
      const p = url.searchParams.get("platform") as SocialPlatform;
      return send(res, { status: 200, body: { revoked: SOCIAL_PLATFORMS.includes(p) ? oauth.revokeAll(p) : 0 } });
    }
    const [, prefix, ...rest] = url.pathname.split("/");
    const platform = prefix as SocialPlatform;
    if (!SOCIAL_PLATFORMS.includes(platform)) return send(res, { status: 404, body: { error: "unknown platform" } });
    const handler = PLATFORM_HANDLERS[platform];
    const path = `/${rest.join("/")}`;
    const now = Date.now();
    requests.push({ platform, path, query: Object.fromEntries(url.searchParams), at: now });
    if (await oauth.answer(platform, path, url, req, res)) return;

    const w = windows.get(platform);
    const win = w && now - w.start < rl.windowMs ? w : { start: now, count: 0 };
    windows.set(platform, win);
    const windowReset = new Date(win.start + rl.windowMs);

    const fault = faults.take(platform, path);
    if (fault?.kind === "slow" || fault?.kind === "hang") await sleep(fault.delayMs ?? 60_000);
    if (fault?.kind === "rate_limit") {
      const resetAt = new Date(now + (fault.resetInMs ?? 1_000));
      return send(
        res,
        handler.rateLimited(resetAt, handler.rateLimitHeaders(rl.limit, 0, resetAt, rl.windowMs, path), path),
      );
    }
    if (win.count >= rl.limit)
      return send(
        res,
        handler.rateLimited(windowReset, handler.rateLimitHeaders(rl.limit, 0, windowReset, rl.windowMs, path), path),
      );
    win.count++;
    const limitHeaders = handler.rateLimitHeaders(rl.limit, rl.limit - win.count, windowReset, rl.windowMs, path);
    if (fault?.kind === "server_error") return send(res, { ...handler.serverError(), headers: limitHeaders });
    if (fault?.kind === "quota") {
      const r = handler.quota(new Date(now + (fault.resetInMs ?? 1_000)), path);
      return send(res, { ...r, headers: { ...limitHeaders, ...r.headers } });
    }
    if (fault?.kind === "malformed") {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", ...limitHeaders });
      return res.end('{"data": [ {"id": "1", "text": "cut off');
    }

    const token =
      bearer(req) ??
      url.searchParams.get("access_token") ??
      url.searchParams.get("key") ??
      url.searchParams.get("api_key");
    const tokenInvalid =
      (opts.validTokens ? !token || !opts.validTokens.includes(token) : false) || oauth.rejects(token);
    if (fault?.kind === "expired_token" || tokenInvalid)
      return send(res, { ...handler.expiredToken(), headers: limitHeaders });

    const reply = handler.handle({
      path,
      query: url.searchParams,
      token,
      now: new Date(now),
      world,
      retired: faults.retired(platform),
      commentsDisabled: faults.armed(platform, "comments_disabled"),
      origin: `${origin}/${platform}`,
      pageSize: (requested, fallback, max) => Math.min(requested ?? fallback, max, opts.maxPageSize ?? Infinity),
    });
    send(res, { ...reply, headers: { ...limitHeaders, ...reply.headers } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const addr = server.address() as AddressInfo;
  origin = `http://${opts.host ?? "127.0.0.1"}:${addr.port}`;
  return {
    url: origin,
    baseUrl: (platform) => `${origin}/${platform}`,
    fault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    requests,
    oauth,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  return h?.startsWith("Bearer ") ? h.slice(7) : null;
}

function send(res: ServerResponse, reply: Reply) {
  if (res.destroyed) return;
  res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
