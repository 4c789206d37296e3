import type { Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { localDay, localTimeToInstant, addDays, type Day } from "@/lib/time";

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
  const rows = await db.campaign.findMany({
    where: {
      agencyId: params.agencyId,
      sentAt: { gte: localTimeToInstant(params.from, 0, 0, params.timeZone), lt: localTimeToInstant(addDays(params.to, 1), 0, 0, params.timeZone) },
      ...(params.accountIds ? { accountId: { in: params.accountIds } } : {}),
    },
    select: { id: true, name: true, sentAt: true, sent: true, reached: true, targetPopulation: true, opens: true, clicks: true, account: { select: { platform: true, handle: true } } },
    orderBy: { sentAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id, name: r.name, platform: r.account.platform, handle: r.account.handle, sentDay: localDay(r.sentAt, params.timeZone),
    sent: r.sent, reached: r.reached, targetPopulation: r.targetPopulation,
    coverage: r.reached !== null && r.targetPopulation ? r.reached / r.targetPopulation : null,
    opens: r.opens, clicks: r.clicks,
  }));
}
