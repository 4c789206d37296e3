import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { FlowSecrets } from "./provider";

/**
 * One SSO sign-in in flight: its state, nonce and PKCE verifier, where to go afterwards and the
 * invitation it started from. Kept in the database (auth_verification) under the SHA-256 of a random
 * id that only this browser holds, in an HttpOnly cookie; used once. Nothing the provider sends back
 * in the callback's query is trusted for these values.
 */
export type Flow = FlowSecrets & { next: string; invite: string | null };

export const FLOW_COOKIE = "kanal_sso_flow";
export const FLOW_SECONDS = 10 * 60;
const PREFIX = "sso-flow:";

const FlowSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  next: z.string(),
  invite: z.string().nullable(),
});
const key = (id: string) => PREFIX + createHash("sha256").update(id).digest("hex");

export async function saveFlow(db: Db, flow: Flow): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.authVerification.deleteMany({
    where: { identifier: { startsWith: PREFIX }, expiresAt: { lt: new Date() } },
  });
  await db.authVerification.create({
    data: {
      id: randomBytes(16).toString("hex"),
      identifier: key(id),
      value: JSON.stringify(flow),
      expiresAt: new Date(Date.now() + FLOW_SECONDS * 1000),
    },
  });
  return id;
}

/** The flow behind the cookie's id, removed so it cannot be used twice; null when unknown or expired. */
export async function takeFlow(db: Db, id: string | undefined): Promise<Flow | null> {
  if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  const rows = await db.$queryRaw<{ value: string; expires_at: Date }[]>`
    DELETE FROM auth_verification WHERE identifier = ${key(id)} RETURNING value, expires_at`;
  const row = rows[0];
  if (!row || row.expires_at.getTime() < Date.now()) return null;
  try {
    const parsed = FlowSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
