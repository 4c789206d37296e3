import { z } from "zod";

// :TRICKY: Facebook's token endpoint takes the client secret in the form (not HTTP Basic, which
// arctic's generic client sends), answers errors as {error:{message,type,code}} rather than RFC 6749
// bodies, and has its own grant for long-lived tokens; so these three calls are written out here.
const TokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().int().optional(),
});
const PagesSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      username: z.string().optional(),
      access_token: z.string().min(1),
      tasks: z.array(z.string()).optional(),
    }),
  ),
});
const ErrorSchema = z.object({ error: z.object({ message: z.string(), code: z.number() }) });

export class FacebookOAuthError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
  ) {
    super(message);
  }
}

async function call<T>(url: string, schema: z.ZodType<T>, init: RequestInit, timeoutMs: number): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { accept: "application/json", ...init.headers },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body: unknown = await res.json().catch(() => null);
  if (res.status !== 200) {
    const err = ErrorSchema.safeParse(body);
    throw new FacebookOAuthError(
      err.success ? err.data.error.message : `HTTP ${res.status}`,
      err.success ? err.data.error.code : null,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new FacebookOAuthError("unexpected answer from Facebook", null);
  return parsed.data;
}

type App = { clientId: string; clientSecret: string; tokenUrl: string; graphBase: string; timeoutMs: number };

/** The Login dialog's code → short-lived user token → long-lived user token (about 60 days). */
export async function facebookUserToken(
  app: App,
  code: string,
  redirectUri: string,
): Promise<{ token: string; expiresIn: number | null }> {
  const form = new URLSearchParams({
    client_id: app.clientId,
    client_secret: app.clientSecret,
    redirect_uri: redirectUri,
    code,
  });
  const short = await call(
    app.tokenUrl,
    TokenSchema,
    { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } },
    app.timeoutMs,
  );
  const exchange = new URL(app.tokenUrl);
  for (const [k, v] of Object.entries({
    grant_type: "fb_exchange_token",
    client_id: app.clientId,
    client_secret: app.clientSecret,
    fb_exchange_token: short.access_token,
  }))
    exchange.searchParams.set(k, v);
  const long = await call(exchange.toString(), TokenSchema, { method: "GET" }, app.timeoutMs);
  return { token: long.access_token, expiresIn: long.expires_in ?? null };
}

/**
 * The Page token for one Page the person manages. A Page token derived from a long-lived user
 * token has no expiry of its own; Facebook's 90-day data-access expiry still applies.
 */
export async function facebookPageToken(
  app: App,
  userToken: string,
  page: { id: string | null; handle: string },
): Promise<{ id: string; name: string; token: string } | null> {
  const url = new URL(`${app.graphBase.replace(/\/$/, "")}/v25.0/me/accounts`);
  url.searchParams.set("fields", "id,name,username,access_token,tasks");
  const pages = await call(
    url.toString(),
    PagesSchema,
    { method: "GET", headers: { authorization: `Bearer ${userToken}` } },
    app.timeoutMs,
  );
  const handle = page.handle.toLowerCase();
  const found = pages.data.find(
    (p) => p.id === page.id || p.id === page.handle || p.username?.toLowerCase() === handle,
  );
  return found ? { id: found.id, name: found.name, token: found.access_token } : null;
}

/** Facebook ends an app's access to a person's data 90 days after they last signed in through it. */
export const FACEBOOK_DATA_ACCESS_DAYS = 90;
