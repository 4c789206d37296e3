import { createHash, randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { runtimeConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/client";

/** An installation admin's set-up link is valid for a day; an invitation into an agency for a week. */
export const SETUP_LINK_HOURS = 24;
export const INVITATION_HOURS = 7 * 24;

export type OpenInvitation = {
  id: string;
  email: string;
  agencyId: string | null;
  role: Role | null;
  agencyName: string | null;
  expiresAt: Date;
};

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
// Tokens are 32 random bytes, base64url: 43 characters. Anything else is not a token of ours.
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function publicBaseUrl(): string {
  const config = runtimeConfig();
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");
}

/**
 * A one-time link for `email`: into an agency with a role, or (agencyId null) the set-up of an
 * installation administrator. Earlier open links for the same e-mail and agency stop working, so
 * "send again" never leaves two valid links. Only the SHA-256 of the token is stored.
 */
export async function createInvitation(
  db: Db,
  input: {
    email: string;
    agencyId: string | null;
    role: Role | null;
    invitedByUserId: string | null;
    hours?: number;
    baseUrl?: string;
  },
): Promise<{ id: string; token: string; url: string; expiresAt: Date }> {
  if ((input.agencyId === null) !== (input.role === null))
    throw new Error("an invitation has both an agency and a role, or neither");
  const email = input.email.trim().toLowerCase();
  const token = randomBytes(32).toString("base64url");
  const hours = input.hours ?? (input.agencyId ? INVITATION_HOURS : SETUP_LINK_HOURS);
  const expiresAt = new Date(Date.now() + hours * 3600_000);
  const [, created] = await db.$transaction([
    db.invitation.updateMany({
      where: { email, agencyId: input.agencyId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    }),
    db.invitation.create({
      data: {
        email,
        agencyId: input.agencyId,
        role: input.role,
        tokenHash: hashToken(token),
        invitedByUserId: input.invitedByUserId,
        expiresAt,
      },
    }),
  ]);
  return { id: created.id, token, url: `${input.baseUrl ?? publicBaseUrl()}/invite/${token}`, expiresAt };
}

/** The invitation behind a link, while it is unused, not revoked and not expired; otherwise null. */
export async function findOpenInvitation(db: Db, token: string): Promise<OpenInvitation | null> {
  if (typeof token !== "string" || !TOKEN.test(token)) return null;
  const row = await db.invitation.findFirst({
    where: { tokenHash: hashToken(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, agencyId: true, role: true, expiresAt: true, agency: { select: { name: true } } },
  });
  return row
    ? {
        id: row.id,
        email: row.email,
        agencyId: row.agencyId,
        role: row.role,
        agencyName: row.agency?.name ?? null,
        expiresAt: row.expiresAt,
      }
    : null;
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Claims the link atomically: of two simultaneous uses, exactly one gets the invitation. */
async function claim(tx: Tx, token: string, userId: string | null) {
  if (!TOKEN.test(token)) return null;
  const rows = await tx.$queryRaw<{ id: string; email: string; agency_id: string | null; role: Role | null }[]>`
    UPDATE invitation SET accepted_at = now(), accepted_by_user_id = ${userId}
    WHERE token_hash = ${hashToken(token)} AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
    RETURNING id, email, agency_id, role`;
  return rows[0] ?? null;
}

async function grant(tx: Tx, userId: string, inv: { agency_id: string | null; role: Role | null }) {
  if (inv.agency_id && inv.role) {
    await tx.membership.upsert({
      where: { agencyId_userId: { agencyId: inv.agency_id, userId } },
      create: { agencyId: inv.agency_id, userId, role: inv.role, source: "manual" },
      update: { role: inv.role, source: "manual" },
    });
  } else {
    await tx.user.update({ where: { id: userId }, data: { installationAdmin: true } });
  }
}

/**
 * Accepts a link for an existing person: adds the membership (source "manual"), or makes them an
 * installation administrator for a set-up link, and marks the link used. Returns null when the link
 * is not open. The caller has established who `userId` is (signed in as the invited e-mail, or an
 * SSO sign-in that started from this link); this function never touches a password.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; userId: string },
): Promise<{ invitationId: string; email: string; agencyId: string | null; role: Role | null } | null> {
  return db.$transaction(async (tx) => {
    const inv = await claim(tx, input.token, input.userId);
    if (!inv) return null;
    await grant(tx, input.userId, inv);
    return { invitationId: inv.id, email: inv.email, agencyId: inv.agency_id, role: inv.role };
  });
}

/**
 * Accepts a link by creating the invited person's local account with the password they chose
 * (checked against lib/auth/password.ts by the caller). One transaction: no account without the
 * membership, and no second account if the e-mail was registered meanwhile (unique e-mail).
 */
export async function acceptInvitationWithNewAccount(
  db: Db,
  input: { token: string; name: string; password: string },
): Promise<{ userId: string; email: string; agencyId: string | null } | null> {
  const hash = await hashPassword(input.password);
  const userId = randomUUID();
  try {
    return await db.$transaction(async (tx) => {
      // The account does not exist yet (accepted_by references it): claim first, name the account after.
      const inv = await claim(tx, input.token, null);
      if (!inv) return null;
      if (await tx.user.findUnique({ where: { email: inv.email }, select: { id: true } })) throw new AccountExists();
      await tx.user.create({
        data: {
          id: userId,
          email: inv.email,
          name: input.name,
          emailVerified: true,
          identities: { create: { id: randomUUID(), accountId: userId, providerId: "credential", password: hash } },
        },
      });
      await tx.invitation.update({ where: { id: inv.id }, data: { acceptedByUserId: userId } });
      await grant(tx, userId, inv);
      return { userId, email: inv.email, agencyId: inv.agency_id };
    });
  } catch (error) {
    if (error instanceof AccountExists) return null;
    throw error;
  }
}

class AccountExists extends Error {}

export async function listOpenInvitations(db: Db, agencyId: string) {
  return db.invitation.findMany({
    where: { agencyId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Revokes an open invitation of this agency (agencyId null: an installation admin's set-up link). */
export async function revokeInvitation(
  db: Db,
  input: { id: string; agencyId: string | null },
): Promise<{ email: string; role: Role | null } | null> {
  const inv = await db.invitation.findFirst({
    where: { id: input.id, agencyId: input.agencyId, acceptedAt: null, revokedAt: null },
    select: { email: true, role: true },
  });
  if (!inv) return null;
  await db.invitation.updateMany({ where: { id: input.id, acceptedAt: null }, data: { revokedAt: new Date() } });
  return inv;
}
