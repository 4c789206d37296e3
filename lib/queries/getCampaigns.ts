import type { Db } from "@/lib/db/client";

/** The agency's manual channels (e-mail, push) and their campaigns, newest first. */
export async function getCampaigns(db: Db, agencyId: string) {
  const accounts = await db.account.findMany({
    where: { agencyId, platform: { in: ["email", "app_push"] } },
    orderBy: { displayName: "asc" },
    select: { id: true, platform: true, handle: true, displayName: true },
  });
  const campaigns = await db.campaign.findMany({
    where: { agencyId },
    orderBy: { sentAt: "desc" },
    select: {
      id: true,
      accountId: true,
      name: true,
      sentAt: true,
      sent: true,
      reached: true,
      targetPopulation: true,
      opens: true,
      clicks: true,
    },
  });
  return { accounts, campaigns };
}
