import type { InputKind, LinkStatus, Platform, Prisma, TriageState } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { Day } from "@/lib/time";
import { localRange } from "@/lib/time";

export type InboxFilter = {
  agencyId: string;
  timeZone: string;
  accountId?: string | null;
  from?: Day | null;
  to?: Day | null;
  q?: string | null;
  /** One reply only (a deep link from a work item). */
  replyId?: string | null;
  status?: "all" | "new" | TriageState;
  limit?: number;
  offset?: number;
};

export type InboxRow = {
  id: string;
  text: string;
  publishedAt: Date;
  permalink: string | null;
  platform: Platform;
  accountHandle: string;
  /** First characters of the keyed hash: enough to tell authors apart, not who they are. */
  pseudonym: string;
  triage: {
    state: TriageState;
    kind: InputKind | null;
    matchedRule: string | null;
    version: number;
    decidedBy: string | null;
  } | null;
  links: { id: string; workItemId: string; workItemTitle: string; status: LinkStatus }[];
};

/** Collected replies and comments of one agency, newest first, filtered by channel, local days, text and triage status. */
export async function getInboxReplies(db: Db, f: InboxFilter): Promise<{ total: number; rows: InboxRow[] }> {
  const where: Prisma.ReplyWhereInput = { agencyId: f.agencyId };
  if (f.accountId) where.accountId = f.accountId;
  if (f.replyId) where.id = f.replyId;
  if (f.from || f.to) {
    const { start, end } = localRange(f.from ?? "1970-01-01", f.to ?? "9999-12-30", f.timeZone);
    where.publishedAt = { ...(f.from ? { gte: start } : {}), ...(f.to ? { lt: end } : {}) };
  }
  if (f.q) where.text = { contains: f.q, mode: "insensitive" };
  if (f.status === "new") where.triage = { none: {} };
  else if (f.status && f.status !== "all") where.triage = { some: { state: f.status } };
  const [total, rows] = await Promise.all([
    db.reply.count({ where }),
    db.reply.findMany({
      where,
      orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
      take: Math.min(f.limit ?? 50, 200),
      skip: f.offset ?? 0,
      select: {
        id: true,
        text: true,
        publishedAt: true,
        permalink: true,
        authorHash: true,
        account: { select: { platform: true, handle: true } },
        triage: { select: { state: true, kind: true, matchedRule: true, version: true, decidedBy: true } },
        links: {
          select: { id: true, workItemId: true, status: true, workItem: { select: { title: true } } },
          orderBy: { createdAt: "asc" },
        },
      },
    }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      text: r.text,
      publishedAt: r.publishedAt,
      permalink: r.permalink,
      platform: r.account.platform,
      accountHandle: r.account.handle,
      pseudonym: r.authorHash.slice(0, 8),
      triage: r.triage[0] ?? null,
      links: r.links.map((l) => ({
        id: l.id,
        workItemId: l.workItemId,
        workItemTitle: l.workItem.title,
        status: l.status,
      })),
    })),
  };
}
