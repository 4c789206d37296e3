import type { Db } from "@/lib/db/client";

/** An agency's channels (optionally only some of them) in the order every table and chart lists them. */
export function listAgencyAccounts(db: Db, agencyId: string, accountIds?: string[]) {
  return db.account.findMany({
    where: { agencyId, ...(accountIds ? { id: { in: accountIds } } : {}) },
    select: { id: true, platform: true, handle: true, displayName: true, status: true },
    orderBy: [{ platform: "asc" }, { handle: "asc" }],
  });
}
