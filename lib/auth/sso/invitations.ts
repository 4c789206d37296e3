/**
 * :TRICKY: thin adapter over the invitations of lib/people/invitations.ts (branch `people`), written
 * against its interface — findOpenInvitation(db, token) and acceptInvitation(db, { token, userId })
 * — because that module was not committed yet. Once it is merged, replace this file's body with
 *   export { findOpenInvitation, acceptInvitation } from "@/lib/people/invitations";
 * The behaviour here is the same: only a SHA-256 of the token is stored; accepting claims the
 * invitation atomically and grants a manual membership (or installation admin for a set-up link).
 */
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/client";

export type OpenInvitation = { id: string; email: string; agencyId: string | null; role: Role | null };

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export async function findOpenInvitation(db: Db, token: string): Promise<OpenInvitation | null> {
  if (!TOKEN.test(token)) return null;
  return db.invitation.findFirst({
    where: { tokenHash: hashToken(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, agencyId: true, role: true },
  });
}

export async function acceptInvitation(db: Db, input: { token: string; userId: string }): Promise<{ invitationId: string; agencyId: string | null; role: Role | null } | null> {
  if (!TOKEN.test(input.token)) return null;
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; agency_id: string | null; role: Role | null }[]>`
      UPDATE invitation SET accepted_at = now(), accepted_by_user_id = ${input.userId}
      WHERE token_hash = ${hashToken(input.token)} AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
      RETURNING id, agency_id, role`;
    const inv = rows[0];
    if (!inv) return null;
    if (inv.agency_id && inv.role) {
      await tx.membership.upsert({
        where: { agencyId_userId: { agencyId: inv.agency_id, userId: input.userId } },
        create: { agencyId: inv.agency_id, userId: input.userId, role: inv.role, source: "manual" },
        update: { role: inv.role, source: "manual" },
      });
    } else {
      await tx.user.update({ where: { id: input.userId }, data: { installationAdmin: true } });
    }
    return { invitationId: inv.id, agencyId: inv.agency_id, role: inv.role };
  });
}
