import { Prisma, type Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { COVERAGE } from "@/lib/metrics/definitions";
import { localDay, localRange, type Day } from "@/lib/time";

export type CampaignReach = {
  id: string;
  name: string;
  platform: Platform;
  handle: string;
  sentDay: Day;
  sent: number | null;
  reached: number | null;
  targetPopulation: number | null;
  /** reached / targetPopulation (10 000 of 50 000 = 0.2); null when either is unknown. */
  coverage: number | null;
  opens: number | null;
  clicks: number | null;
};

/** E-mail and push campaigns sent in the range (agency-local days), as reached versus target population. */
export async function getCampaignReach(
  db: Db,
  params: { agencyId: string; timeZone: string; from: Day; to: Day; accountIds?: string[] },
): Promise<CampaignReach[]> {
  const { start, end } = localRange(params.from, params.to, params.timeZone);
  const onlyAccounts = params.accountIds
    ? Prisma.sql`AND c.account_id = ANY(${params.accountIds}::uuid[])`
    : Prisma.empty;
  const rows = await db.$queryRaw<(Omit<CampaignReach, "sentDay"> & { sentAt: Date })[]>(Prisma.sql`
    SELECT c.id, c.name, a.platform, a.handle, c.sent_at AS "sentAt", c.sent, c.reached, c.target_population AS "targetPopulation",
           ${COVERAGE} AS coverage, c.opens, c.clicks
    FROM campaign c JOIN account a ON a.id = c.account_id
    WHERE c.agency_id = ${params.agencyId}::uuid AND c.sent_at >= ${start} AND c.sent_at < ${end} ${onlyAccounts}
    ORDER BY c.sent_at DESC`);
  return rows.map(({ sentAt, ...r }) => ({ ...r, sentDay: localDay(sentAt, params.timeZone) }));
}
