import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { CONNECTORS } from "@/lib/platforms";
import { saveCredentials } from "@/lib/platforms/credentials";
import type { ResolvedChannel } from "./resolve";

export type AddResult = { ok: true; accountId: string; restored: boolean } | { ok: false; problem: "duplicate" };

/**
 * Saves a confirmed channel and sets up its backfill (progress shows at once on the connections
 * page). A channel removed earlier with its history kept comes back with that history. With an app
 * token (X, YouTube, Flickr keys) it is stored encrypted as the channel's credential; a Facebook
 * Page waits for an admin's sign-in before it is collected.
 */
export async function addChannel(
  db: Db,
  agencyId: string,
  channel: ResolvedChannel,
  opts: { backfillDays: number; appToken: string | null; credentialsKey: string | undefined; needsSignIn: boolean },
): Promise<AddResult> {
  const existing = await db.account.findFirst({
    where: {
      agencyId,
      platform: channel.platform,
      OR: [{ handle: channel.handle }, { platformId: channel.platformId }],
    },
  });
  if (existing && !existing.archivedAt) return { ok: false, problem: "duplicate" };
  const daysTotal = Math.min(CONNECTORS[channel.platform].backfillLimitDays, opts.backfillDays);
  const status = opts.needsSignIn ? "needs_reconnect" : "active";
  const account = existing
    ? await db.account.update({
        where: { id: existing.id },
        data: {
          archivedAt: null,
          status: existing.credentialId || !opts.needsSignIn ? "active" : status,
          displayName: channel.displayName,
          nextCollectAt: null,
        },
      })
    : await db.account.create({
        data: {
          agencyId,
          platform: channel.platform,
          handle: channel.handle,
          platformId: channel.platformId,
          displayName: channel.displayName,
          baseUrl: channel.baseUrl,
          status,
          backfillDaysTotal: daysTotal,
          backfillDaysDone: 0,
        },
      });
  if (!existing && opts.appToken && channel.baseUrl === null) {
    await saveCredentials(db, account.id, { token: opts.appToken }, opts.credentialsKey, { baseUrl: null });
  }
  return { ok: true, accountId: account.id, restored: !!existing };
}

export async function pauseChannel(db: Db, agencyId: string, accountId: string): Promise<boolean> {
  const r = await db.account.updateMany({
    where: { id: accountId, agencyId, archivedAt: null, status: "active" },
    data: { status: "paused" },
  });
  return r.count === 1;
}

export async function resumeChannel(db: Db, agencyId: string, accountId: string): Promise<boolean> {
  const r = await db.account.updateMany({
    where: { id: accountId, agencyId, status: "paused" },
    data: { status: "active", archivedAt: null, nextCollectAt: null },
  });
  return r.count === 1;
}

export type RemoveResult = "archived" | "deleted" | "not_found" | "linked_to_work";

/**
 * Removes a channel. Keeping the history archives it (paused, every row kept, restorable by adding
 * it again or resuming). Deleting removes its metrics, posts, replies and runs — refused while any
 * of its replies is linked to policy work, which must stay with the case.
 */
export async function removeChannel(
  db: Db,
  agencyId: string,
  accountId: string,
  keepHistory: boolean,
): Promise<RemoveResult> {
  const account = await db.account.findFirst({
    where: { id: accountId, agencyId },
    select: { id: true, credentialId: true },
  });
  if (!account) return "not_found";
  if (keepHistory) {
    await db.account.update({ where: { id: account.id }, data: { status: "paused", archivedAt: new Date() } });
    return "archived";
  }
  const linked = await db.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM input_link l JOIN reply r ON r.id = l.reply_id
    WHERE r.agency_id = ${agencyId}::uuid AND r.account_id = ${account.id}::uuid`);
  if ((linked[0]?.n ?? 0) > 0) return "linked_to_work";
  await db.$transaction(async (tx) => {
    await tx.account.delete({ where: { id: account.id } });
    if (account.credentialId && (await tx.account.count({ where: { credentialId: account.credentialId } })) === 0) {
      await tx.credential.delete({ where: { id: account.credentialId } });
    }
  });
  return "deleted";
}
