import type { LinkStatus, Platform, WorkItemStatus } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";

export type WorkItemInputs = {
  item: {
    id: string;
    title: string;
    owner: string | null;
    caseNumber: string | null;
    status: WorkItemStatus;
    version: number;
  };
  links: {
    id: string;
    status: LinkStatus;
    version: number;
    declineReason: string | null;
    decidedAt: Date | null;
    reply: {
      id: string;
      text: string;
      publishedAt: Date;
      permalink: string | null;
      platform: Platform;
      accountHandle: string;
    };
    moves: { at: Date; from: LinkStatus | null; to: LinkStatus; note: string | null; actorLabel: string }[];
  }[];
};

/** One work item of an agency with its linked inputs and each link's trail; null when not the agency's. */
export async function getWorkItemInputs(db: Db, agencyId: string, workItemId: string): Promise<WorkItemInputs | null> {
  const item = await db.workItem.findFirst({ where: { id: workItemId, agencyId } });
  if (!item) return null;
  const links = await db.inputLink.findMany({
    where: { agencyId, workItemId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      reply: {
        select: {
          id: true,
          text: true,
          publishedAt: true,
          permalink: true,
          account: { select: { platform: true, handle: true } },
        },
      },
    },
  });
  const moves = links.length
    ? await db.inputMove.findMany({
        where: { agencyId, linkId: { in: links.map((l) => l.id) } },
        orderBy: [{ at: "asc" }, { id: "asc" }],
      })
    : [];
  return {
    item: {
      id: item.id,
      title: item.title,
      owner: item.owner,
      caseNumber: item.caseNumber,
      status: item.status,
      version: item.version,
    },
    links: links.map((l) => ({
      id: l.id,
      status: l.status,
      version: l.version,
      declineReason: l.declineReason,
      decidedAt: l.decidedAt,
      reply: {
        id: l.reply.id,
        text: l.reply.text,
        publishedAt: l.reply.publishedAt,
        permalink: l.reply.permalink,
        platform: l.reply.account.platform,
        accountHandle: l.reply.account.handle,
      },
      moves: moves
        .filter((m) => m.linkId === l.id)
        .map((m) => ({ at: m.at, from: m.fromStatus, to: m.toStatus, note: m.note, actorLabel: m.actorLabel })),
    })),
  };
}
