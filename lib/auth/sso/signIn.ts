import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { syncSsoMemberships } from "../ssoMemberships";
import { acceptInvitation, findOpenInvitation } from "@/lib/people/invitations";
import type { SsoClaims } from "./provider";

/** auth_identity.provider_id of SSO identities; account_id is the provider's subject (`sub`). */
export const SSO_PROVIDER_ID = "agency-sso";

export type RefusalReason = "email_taken" | "no_email" | "other_identity" | "other_issuer";
export type SsoOutcome =
  { kind: "signed_in"; userId: string; hasAccess: boolean } | { kind: "refused"; reason: RefusalReason };

/**
 * Decides who an SSO sign-in is. An identity is found by its subject only, never by e-mail:
 * 1. the subject signed in before → that person;
 * 2. the flow started from an open invitation → the invited person (created if new), who then accepts it;
 * 3. otherwise a new person — unless the e-mail belongs to someone already, which is refused and
 *    links nothing (an identity provider must not be able to take over a local account).
 * Then the memberships from groups are synced and the sign-in is recorded.
 */
export async function resolveSsoSignIn(
  db: Db,
  claims: SsoClaims,
  input: { inviteToken: string | null; ip: string | null },
): Promise<SsoOutcome> {
  const refuse = async (reason: RefusalReason): Promise<SsoOutcome> => {
    await recordAudit(db, {
      action: "sso_refused",
      target: claims.email,
      details: { reason, issuer: claims.issuer, subject: claims.subject },
      ip: input.ip,
    });
    return { kind: "refused", reason };
  };
  const name = claims.name ?? claims.email ?? claims.subject;
  const known = await db.authIdentity.findFirst({
    where: { providerId: SSO_PROVIDER_ID, accountId: claims.subject },
    select: { userId: true, user: { select: { ssoSignIn: { select: { issuer: true } } } } },
  });
  // The same subject at another provider (OIDC_ISSUER changed) is someone else.
  if (known?.user.ssoSignIn && known.user.ssoSignIn.issuer !== claims.issuer) return refuse("other_issuer");
  const invitation = input.inviteToken ? await findOpenInvitation(db, input.inviteToken) : null;

  let userId: string;
  if (known) {
    userId = known.userId;
  } else if (invitation) {
    const invited = await db.user.findUnique({
      where: { email: invitation.email },
      select: { id: true, identities: { where: { providerId: SSO_PROVIDER_ID }, select: { id: true } } },
    });
    if (invited && invited.identities.length > 0) return refuse("other_identity");
    userId = invited?.id ?? randomUUID();
    const created = await linkIdentity(db, {
      userId,
      create: !invited,
      email: invitation.email,
      name,
      emailVerified: true,
      subject: claims.subject,
    });
    if (!created) return refuse("email_taken");
  } else {
    if (!claims.email) return refuse("no_email");
    if (await db.user.findUnique({ where: { email: claims.email }, select: { id: true } }))
      return refuse("email_taken");
    userId = randomUUID();
    const created = await linkIdentity(db, {
      userId,
      create: true,
      email: claims.email,
      name,
      emailVerified: claims.emailVerified,
      subject: claims.subject,
    });
    if (!created) return refuse("email_taken");
  }

  const accepted =
    invitation && input.inviteToken ? await acceptInvitation(db, { token: input.inviteToken, userId }) : null;
  const sync = await syncSsoMemberships(db, userId, claims.groups);
  await db.ssoSignIn.upsert({
    where: { userId },
    create: { userId, issuer: claims.issuer, groups: claims.groups },
    update: { issuer: claims.issuer, groups: claims.groups, lastSignInAt: new Date() },
  });
  for (const m of sync.added)
    await recordAudit(db, {
      action: "membership_added",
      agencyId: m.agencyId,
      target: userId,
      details: { role: m.role, source: "sso_group" },
      ip: input.ip,
    });
  for (const m of sync.changed)
    await recordAudit(db, {
      action: "membership_changed",
      agencyId: m.agencyId,
      target: userId,
      details: { from: m.from, to: m.role, source: "sso_group" },
      ip: input.ip,
    });
  for (const m of sync.removed)
    await recordAudit(db, {
      action: "membership_removed",
      agencyId: m.agencyId,
      target: userId,
      details: { role: m.role, source: "sso_group" },
      ip: input.ip,
    });

  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, installationAdmin: true, _count: { select: { memberships: true } } },
  });
  await recordAudit(db, {
    action: "sign_in",
    actorUserId: userId,
    target: user.email,
    ip: input.ip,
    details: {
      method: "sso",
      issuer: claims.issuer,
      subject: claims.subject,
      groups: claims.groups,
      ...(accepted ? { invitation: accepted.invitationId } : {}),
    },
  });
  return { kind: "signed_in", userId, hasAccess: user.installationAdmin || user._count.memberships > 0 };
}

/** Adds the SSO identity (and the person, when new). False when the e-mail was taken meanwhile. */
async function linkIdentity(
  db: Db,
  p: { userId: string; create: boolean; email: string; name: string; emailVerified: boolean; subject: string },
): Promise<boolean> {
  const identity = { id: randomUUID(), accountId: p.subject, providerId: SSO_PROVIDER_ID };
  try {
    if (p.create) {
      await db.user.create({
        data: {
          id: p.userId,
          email: p.email,
          name: p.name,
          emailVerified: p.emailVerified,
          identities: { create: identity },
        },
      });
    } else {
      await db.authIdentity.create({ data: { ...identity, userId: p.userId } });
    }
    return true;
  } catch (error) {
    // A unique e-mail, or the same subject linked by a simultaneous first sign-in.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}
