import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { decryptSecret, encryptSecret } from "@/lib/crypto";

const AppSchema = z.object({ client_id: z.string().min(1), client_secret: z.string().min(1) });

/**
 * The product's app on a Mastodon instance: registered on first use through POST /api/v1/apps
 * (every instance is its own authorisation server) and kept, secret encrypted, in oauth_app.
 * Registered again if the redirect address changed.
 */
export async function mastodonApp(
  db: Db,
  instance: string,
  redirectUri: string,
  keyHex: string | undefined,
  timeoutMs = 15_000,
): Promise<{ clientId: string; clientSecret: string }> {
  const issuer = instance.replace(/\/$/, "");
  const held = await db.oAuthApp.findUnique({ where: { issuer } });
  if (held && held.redirectUri === redirectUri)
    return { clientId: held.clientId, clientSecret: decryptSecret(held.clientSecret, keyHex) };
  const res = await fetch(`${issuer}/api/v1/apps`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({
      client_name: "Kanalmåling",
      redirect_uris: redirectUri,
      scopes: "read",
      website: redirectUri.replace(/\/api\/oauth\/.*$/, ""),
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const app = AppSchema.parse(await res.json());
  const data = {
    clientId: app.client_id,
    clientSecret: new Uint8Array(encryptSecret(app.client_secret, keyHex)),
    redirectUri,
  };
  await db.oAuthApp.upsert({ where: { issuer }, create: { issuer, ...data }, update: data });
  return { clientId: app.client_id, clientSecret: app.client_secret };
}
