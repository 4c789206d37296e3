import type { LinkStatus, Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { Day } from "@/lib/time";
import { localRange } from "@/lib/time";
import { REACHED_STATUSES } from "@/lib/inputs/statusMachine";

export type WorkItemOutcome = {
  id: string;
  title: string;
  caseNumber: string | null;
  owner: string | null;
  inputs: {
    linkId: string;
    status: LinkStatus;
    reached: boolean;
    text: string;
    publishedAt: Date;
    decidedAt: Date | null;
    permalink: string | null;
    platform: Platform;
    accountHandle: string;
  }[];
};

/**
 * For each work item of an agency, the inputs linked to it whose replies fall in the period (and
 * channel): those that reached the work first, then the rest, each with its permalink.
 */
export async function getOutcomeByWorkItem(
  db: Db,
  p: { agencyId: string; timeZone: string; from: Day; to: Day; accountId?: string | null },
): Promise<WorkItemOutcome[]> {
  const { start, end } = localRange(p.from, p.to, p.timeZone);
  const items = await db.workItem.findMany({
    where: { agencyId: p.agencyId },
    orderBy: { title: "asc" },
    include: {
      links: {
        where: { reply: { publishedAt: { gte: start, lt: end }, ...(p.accountId ? { accountId: p.accountId } : {}) } },
        include: {
          reply: {
            select: {
              text: true,
              publishedAt: true,
              permalink: true,
              account: { select: { platform: true, handle: true } },
            },
          },
        },
      },
    },
  });
  return items.map((i) => ({
    id: i.id,
    title: i.title,
    caseNumber: i.caseNumber,
    owner: i.owner,
    inputs: i.links
      .map((l) => ({
        linkId: l.id,
        status: l.status,
        reached: REACHED_STATUSES.includes(l.status),
        text: l.reply.text,
        publishedAt: l.reply.publishedAt,
        decidedAt: l.decidedAt,
        permalink: l.reply.permalink,
        platform: l.reply.account.platform,
        accountHandle: l.reply.account.handle,
      }))
      .sort((a, b) => Number(b.reached) - Number(a.reached) || a.publishedAt.getTime() - b.publishedAt.getTime()),
  }));
}
