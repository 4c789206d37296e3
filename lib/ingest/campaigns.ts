import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { localDay } from "@/lib/time";

export type CampaignInput = {
  agencyId: string;
  accountId: string;
  name: string;
  sentAt: Date;
  sent?: number | null;
  reached?: number | null;
  targetPopulation?: number | null;
  opens?: number | null;
  clicks?: number | null;
};

/**
 * Upserts e-mail and push campaigns by (agency, account, name), then rolls each touched day's
 * reach (the sum of that day's campaigns, in the agency's time zone) into the account's daily row,
 * so manual channels sit beside the social ones. Unknown values stay unknown.
 */
export async function upsertCampaigns(db: Db, rows: CampaignInput[], timeZone: string): Promise<number> {
  if (rows.length === 0) return 0;
  await db.$transaction(async (tx) => {
    for (const r of rows) {
      const data = {
        sentAt: r.sentAt,
        sent: r.sent ?? null,
        reached: r.reached ?? null,
        targetPopulation: r.targetPopulation ?? null,
        opens: r.opens ?? null,
        clicks: r.clicks ?? null,
      };
      await tx.campaign.upsert({
        where: { agencyId_accountId_name: { agencyId: r.agencyId, accountId: r.accountId, name: r.name } },
        create: { agencyId: r.agencyId, accountId: r.accountId, name: r.name, ...data },
        update: data,
      });
    }
    const accounts = [...new Set(rows.map((r) => r.accountId))];
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO account_daily_metric AS m (agency_id, account_id, day, reach, posts_published, collected_at)
      SELECT c.agency_id, c.account_id, (c.sent_at AT TIME ZONE ${timeZone})::date, sum(c.reached)::int, count(*)::int, now()
      FROM campaign c
      WHERE c.agency_id = ${rows[0]!.agencyId}::uuid AND c.account_id = ANY(${accounts}::uuid[])
        AND (c.sent_at AT TIME ZONE ${timeZone})::date = ANY(${rows.map((r) => localDay(r.sentAt, timeZone))}::date[])
      GROUP BY 1, 2, 3
      ON CONFLICT (agency_id, account_id, day) DO UPDATE SET reach = EXCLUDED.reach, posts_published = EXCLUDED.posts_published, collected_at = now()`);
  });
  return rows.length;
}
