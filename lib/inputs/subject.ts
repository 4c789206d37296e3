import type { Db } from "@/lib/db/client";
import { pseudonymise } from "@/lib/crypto";

export type SubjectExport = {
  agencyId: string;
  authorHash: string;
  exportedAt: string;
  replies: {
    channel: string;
    publishedAt: string;
    text: string;
    permalink: string | null;
    authorDisplayName: string | null;
    triage: { state: string; kind: string | null; decidedAt: string; decidedBy: string | null } | null;
    links: {
      workItem: string;
      caseNumber: string | null;
      status: string;
      declineReason: string | null;
      moves: { at: string; from: string | null; to: string; note: string | null; by: string }[];
    }[];
  }[];
};

/** Everything this agency stores about one author handle (found by its keyed hash), for a subject access request. */
export async function exportSubject(
  db: Db,
  agencyId: string,
  handle: string,
  key: string,
  now = new Date(),
): Promise<SubjectExport> {
  const authorHash = pseudonymise(handle, key);
  const replies = await db.reply.findMany({
    where: { agencyId, authorHash },
    orderBy: { publishedAt: "asc" },
    include: {
      account: { select: { platform: true, handle: true } },
      triage: true,
      links: { include: { workItem: { select: { title: true, caseNumber: true } } } },
    },
  });
  const linkIds = replies.flatMap((r) => r.links.map((l) => l.id));
  const moves = linkIds.length
    ? await db.inputMove.findMany({ where: { agencyId, linkId: { in: linkIds } }, orderBy: { at: "asc" } })
    : [];
  return {
    agencyId,
    authorHash,
    exportedAt: now.toISOString(),
    replies: replies.map((r) => ({
      channel: `${r.account.platform}:${r.account.handle}`,
      publishedAt: r.publishedAt.toISOString(),
      text: r.text,
      permalink: r.permalink,
      authorDisplayName: r.authorDisplayName,
      triage: r.triage[0]
        ? {
            state: r.triage[0].state,
            kind: r.triage[0].kind,
            decidedAt: r.triage[0].decidedAt.toISOString(),
            decidedBy: r.triage[0].decidedBy,
          }
        : null,
      links: r.links.map((l) => ({
        workItem: l.workItem.title,
        caseNumber: l.workItem.caseNumber,
        status: l.status,
        declineReason: l.declineReason,
        moves: moves
          .filter((m) => m.linkId === l.id)
          .map((m) => ({ at: m.at.toISOString(), from: m.fromStatus, to: m.toStatus, note: m.note, by: m.actorLabel })),
      })),
    })),
  };
}

/**
 * Erases everything this agency stores about one author handle: the replies with their text,
 * triage and links. The trail of moves stays as the agency's record, without the link to the person.
 */
export async function eraseSubject(
  db: Db,
  agencyId: string,
  handle: string,
  key: string,
): Promise<{ erasedReplies: number }> {
  const authorHash = pseudonymise(handle, key);
  const res = await db.reply.deleteMany({ where: { agencyId, authorHash } });
  return { erasedReplies: res.count };
}
