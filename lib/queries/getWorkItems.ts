import type { LinkStatus, WorkItemStatus } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";

export type WorkItemSummary = {
  id: string;
  title: string;
  owner: string | null;
  caseNumber: string | null;
  status: WorkItemStatus;
  version: number;
  links: number;
  byStatus: Partial<Record<LinkStatus, number>>;
};

/** An agency's policy work items with how many inputs are linked to each, per status. */
export async function getWorkItems(db: Db, agencyId: string): Promise<WorkItemSummary[]> {
  const [items, counts] = await Promise.all([
    db.workItem.findMany({ where: { agencyId }, orderBy: { title: "asc" } }),
    db.inputLink.groupBy({ by: ["workItemId", "status"], where: { agencyId }, _count: { _all: true } }),
  ]);
  return items.map((i) => {
    const mine = counts.filter((c) => c.workItemId === i.id);
    return {
      id: i.id,
      title: i.title,
      owner: i.owner,
      caseNumber: i.caseNumber,
      status: i.status,
      version: i.version,
      links: mine.reduce((s, c) => s + c._count._all, 0),
      byStatus: Object.fromEntries(mine.map((c) => [c.status, c._count._all])),
    };
  });
}
