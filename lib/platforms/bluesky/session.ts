import { z } from "zod";

/** Where a Bluesky account signs in when its PDS is not known: Bluesky's own entryway. */
export const BLUESKY_PDS = "https://bsky.social";
/** Bluesky's app passwords look like this (Settings → Privacy and security → App passwords). */
export const APP_PASSWORD = /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/;

const SessionSchema = z.object({
  accessJwt: z.string().min(1),
  refreshJwt: z.string().min(1),
  did: z.string(),
  handle: z.string(),
});
const XrpcError = z.object({ error: z.string(), message: z.string().optional() });
export type BlueskySession = z.infer<typeof SessionSchema>;

export class BlueskySessionError extends Error {
  constructor(
    message: string,
    readonly error: string | null,
    readonly status: number,
  ) {
    super(message);
  }
  /** The platform will not take these credentials again: the admin must sign in anew. */
  get dead(): boolean {
    return (
      this.status === 401 ||
      ["ExpiredToken", "InvalidToken", "AuthenticationRequired", "AccountTakedown"].includes(this.error ?? "")
    );
  }
}

async function xrpc(url: string, init: RequestInit, timeoutMs: number): Promise<BlueskySession> {
  const res = await fetch(url, {
    ...init,
    method: "POST",
    headers: { accept: "application/json", ...init.headers },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body: unknown = await res.json().catch(() => null);
  if (res.status !== 200) {
    const e = XrpcError.safeParse(body);
    throw new BlueskySessionError(
      e.success ? `${e.data.error}: ${e.data.message ?? ""}` : `HTTP ${res.status}`,
      e.success ? e.data.error : null,
      res.status,
    );
  }
  const s = SessionSchema.safeParse(body);
  if (!s.success) throw new BlueskySessionError("unexpected session answer", null, res.status);
  return s.data;
}

/** com.atproto.server.createSession with the account's handle and an app password. */
export function createSession(
  pds: string,
  identifier: string,
  appPassword: string,
  timeoutMs = 15_000,
): Promise<BlueskySession> {
  return xrpc(
    `${pds.replace(/\/$/, "")}/xrpc/com.atproto.server.createSession`,
    { body: JSON.stringify({ identifier, password: appPassword }), headers: { "content-type": "application/json" } },
    timeoutMs,
  );
}

/** com.atproto.server.refreshSession: the refresh JWT in the header; both tokens come back new. */
export function refreshSession(pds: string, refreshJwt: string, timeoutMs = 15_000): Promise<BlueskySession> {
  return xrpc(
    `${pds.replace(/\/$/, "")}/xrpc/com.atproto.server.refreshSession`,
    { headers: { authorization: `Bearer ${refreshJwt}` } },
    timeoutMs,
  );
}

/** When an access JWT expires (its `exp`); Bluesky's last about two hours, assumed when unreadable. */
export function accessExpiry(jwt: string, now = Date.now()): Date {
  const payload = jwt.split(".")[1];
  if (payload) {
    try {
      const exp = z.object({ exp: z.number() }).parse(JSON.parse(Buffer.from(payload, "base64url").toString()));
      return new Date(exp.exp * 1000);
    } catch {
      // fall through
    }
  }
  return new Date(now + 2 * 3_600_000);
}
