import { Prisma, type AccountStatus, type Platform, type RunOutcome } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { isSandboxBaseUrl } from "@/lib/channels/target";

export type ConnectionRun = {
  id: string;
  kind: string;
  outcome: RunOutcome;
  startedAt: Date;
  finishedAt: Date | null;
  itemsFetched: number;
  itemsWritten: number;
  error: string | null;
};

export type Connection = {
  accountId: string;
  platform: Platform;
  handle: string;
  displayName: string;
  status: AccountStatus;
  /** Collected from the sandbox (fake platforms) rather than the real platform. */
  sandbox: boolean;
  hasCredentials: boolean;
  lastSuccessAt: Date | null;
  nextCollectAt: Date | null;
  backfill: { daysDone: number; daysTotal: number; done: boolean } | null;
  lastRun: ConnectionRun | null;
  failuresLast24h: number;
  /** Removed with its history kept. */
  archived: boolean;
  /** When the grant ends (refresh token, long-lived token): admins are warned 7 days before. */
  grantExpiresAt: Date | null;
  /** When the access token ends; refreshed automatically before then. */
  accessExpiresAt: Date | null;
};

/** Each channel of an agency with its collection state: last success, errors, token state, backfill progress. */
export async function getConnections(
  db: Db,
  agencyId: string,
): Promise<{ connections: Connection[]; recentRuns: (ConnectionRun & { accountId: string })[] }> {
  const accounts = await db.account.findMany({
    where: { agencyId },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { platform: "asc" }, { handle: "asc" }],
    include: { credential: { select: { accessExpiresAt: true, grantExpiresAt: true } } },
  });
  const lastRuns = await db.$queryRaw<(ConnectionRun & { accountId: string; failures: number })[]>(Prisma.sql`
    SELECT DISTINCT ON (r.account_id) r.account_id AS "accountId", r.id, r.kind, r.outcome, r.started_at AS "startedAt", r.finished_at AS "finishedAt",
           r.items_fetched AS "itemsFetched", r.items_written AS "itemsWritten", r.error,
           (SELECT count(*)::int FROM collection_run f WHERE f.agency_id = r.agency_id AND f.account_id = r.account_id
              AND f.outcome = 'failed' AND f.started_at > now() - interval '24 hours') AS failures
    FROM collection_run r WHERE r.agency_id = ${agencyId}::uuid
    ORDER BY r.account_id, r.started_at DESC`);
  const byAccount = new Map(lastRuns.map((r) => [r.accountId, r]));
  const recentRuns = await db.collectionRun.findMany({
    where: { agencyId },
    orderBy: { startedAt: "desc" },
    take: 20,
    select: {
      id: true,
      accountId: true,
      kind: true,
      outcome: true,
      startedAt: true,
      finishedAt: true,
      itemsFetched: true,
      itemsWritten: true,
      error: true,
    },
  });
  const connections = accounts.map((a): Connection => {
    const run = byAccount.get(a.id);
    return {
      accountId: a.id,
      platform: a.platform,
      handle: a.handle,
      displayName: a.displayName,
      status: a.status,
      // Real platforms speak https; plain http is the loopback sandbox, connected or not.
      sandbox: isSandboxBaseUrl(a.baseUrl) || !!a.baseUrl?.startsWith("http://"),
      hasCredentials: a.credentialId !== null,
      lastSuccessAt: a.lastSuccessAt,
      nextCollectAt: a.nextCollectAt,
      backfill:
        a.backfillDaysTotal === null
          ? null
          : { daysDone: a.backfillDaysDone ?? 0, daysTotal: a.backfillDaysTotal, done: a.backfillDoneAt !== null },
      lastRun: run
        ? {
            id: run.id,
            kind: run.kind,
            outcome: run.outcome,
            startedAt: run.startedAt,
            finishedAt: run.finishedAt,
            itemsFetched: run.itemsFetched,
            itemsWritten: run.itemsWritten,
            error: run.error,
          }
        : null,
      failuresLast24h: run?.failures ?? 0,
      archived: a.archivedAt !== null,
      grantExpiresAt: a.credential?.grantExpiresAt ?? null,
      accessExpiresAt: a.credential?.accessExpiresAt ?? null,
    };
  });
  return { connections, recentRuns };
}
