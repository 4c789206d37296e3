import { Prisma, type AccountStatus, type Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { dateToDay, type Day } from "@/lib/time";

export type ChannelSummary = {
  accountId: string;
  platform: Platform;
  handle: string;
  displayName: string;
  status: AccountStatus;
  audience: number | null;
  audienceDay: Day | null;
};

export type AgencyChannels = {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  locale: string;
  parentName: string | null;
  channels: ChannelSummary[];
};

/** The given agencies (callers pass what the user may see) with each channel's latest known audience. */
export async function getAgencyChannels(db: Db, agencyIds: string[]): Promise<AgencyChannels[]> {
  const agencies = await db.agency.findMany({
    where: { id: { in: agencyIds } },
    select: {
      id: true, slug: true, name: true, timeZone: true, locale: true, parent: { select: { name: true } },
      accounts: { select: { id: true, platform: true, handle: true, displayName: true, status: true }, orderBy: [{ platform: "asc" }, { handle: "asc" }] },
    },
    orderBy: { name: "asc" },
  });
  const ids = agencies.flatMap((a) => a.accounts.map((c) => c.id));
  const latest = ids.length
    ? await db.$queryRaw<{ account_id: string; day: Date; followers: number }[]>(Prisma.sql`
        SELECT a.id AS account_id, l.day, l.followers
        FROM account a CROSS JOIN LATERAL (
          SELECT m.day, m.followers FROM account_daily_metric m
          WHERE m.agency_id = a.agency_id AND m.account_id = a.id AND m.followers IS NOT NULL
          ORDER BY m.day DESC LIMIT 1) l
        WHERE a.id = ANY(${ids}::uuid[])`)
    : [];
  const byAccount = new Map(latest.map((r) => [r.account_id, r]));
  return agencies.map((a) => ({
    id: a.id, slug: a.slug, name: a.name, timeZone: a.timeZone, locale: a.locale, parentName: a.parent?.name ?? null,
    channels: a.accounts.map((c) => {
      const l = byAccount.get(c.id);
      return { accountId: c.id, platform: c.platform, handle: c.handle, displayName: c.displayName, status: c.status, audience: l?.followers ?? null, audienceDay: l ? dateToDay(l.day) : null };
    }),
  }));
}
