import { createHmac, timingSafeEqual } from "node:crypto";

const VALID_DAYS = 60;

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(`unsubscribe:${payload}`).digest("base64url");
}

/** A link token that lets the recipient end one subscription without signing in; expires after 60 days. */
export function unsubscribeToken(subscriptionId: string, secret: string, now = new Date()): string {
  const payload = `${subscriptionId}.${Math.floor(now.getTime() / 1000) + VALID_DAYS * 86_400}`;
  return `${payload}.${sign(payload, secret)}`;
}

/** The subscription id, or null when the token is forged, damaged or expired. */
export function verifyUnsubscribeToken(token: string, secret: string, now = new Date()): string | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [id, expires, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${id}.${expires}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (!/^\d+$/.test(expires) || Number(expires) * 1000 < now.getTime()) return null;
  return /^[0-9a-f-]{36}$/.test(id) ? id : null;
}
