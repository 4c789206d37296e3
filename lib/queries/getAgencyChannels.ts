import type { AccountStatus, Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { audienceAt } from "@/lib/metrics/engine";
import { localDay, type Day } from "@/lib/time";

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
  /** Followers across channels (not people): the channels' latest known audience added up, and how many channels that counts. */
  totalAudience: number | null;
  channelsCounted: number;
};

/** The given agencies (callers pass what the user may see) with each channel's latest known audience. */
export async function getAgencyChannels(db: Db, agencyIds: string[], now = new Date()): Promise<AgencyChannels[]> {
  const agencies = await db.agency.findMany({
    where: { id: { in: agencyIds } },
    select: { id: true, slug: true, name: true, timeZone: true, locale: true, parent: { select: { name: true } } },
    orderBy: { name: "asc" },
  });
  return Promise.all(
    agencies.map(async (a) => {
      const at = await audienceAt(db, { agencyIds: [a.id] }, localDay(now, a.timeZone));
      return {
        id: a.id,
        slug: a.slug,
        name: a.name,
        timeZone: a.timeZone,
        locale: a.locale,
        parentName: a.parent?.name ?? null,
        channels: at.channels.map((c) => ({
          accountId: c.accountId,
          platform: c.platform,
          handle: c.handle,
          displayName: c.displayName,
          status: c.status,
          audience: c.audience,
          audienceDay: c.audienceDay,
        })),
        totalAudience: at.total,
        channelsCounted: at.channelsCounted,
      };
    }),
  );
}
