import { Prisma, type LinkStatus, type Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";

export type TrailRow = {
  at: Date;
  workItem: string | null;
  caseNumber: string | null;
  linkId: string | null;
  permalink: string | null;
  platform: Platform | null;
  from: LinkStatus | null;
  to: LinkStatus;
  note: string | null;
  actorLabel: string;
};

/**
 * The trail of status moves of an agency (optionally one work item), oldest first: what the agency
 * did with each input, who did it and when — for freedom-of-information requests.
 */
export async function getInputTrail(db: Db, agencyId: string, workItemId?: string | null): Promise<TrailRow[]> {
  return db.$queryRaw<TrailRow[]>(Prisma.sql`
    SELECT m.at, w.title AS "workItem", w.case_number AS "caseNumber", m.link_id AS "linkId", r.permalink, a.platform,
           m.from_status AS "from", m.to_status AS "to", m.note, m.actor_label AS "actorLabel"
    FROM input_move m
    LEFT JOIN work_item w ON w.agency_id = m.agency_id AND w.id = m.work_item_id
    LEFT JOIN input_link l ON l.agency_id = m.agency_id AND l.id = m.link_id
    LEFT JOIN reply r ON r.agency_id = l.agency_id AND r.id = l.reply_id
    LEFT JOIN account a ON a.id = r.account_id
    WHERE m.agency_id = ${agencyId}::uuid
      AND (${workItemId ?? null}::uuid IS NULL OR m.work_item_id = ${workItemId ?? null}::uuid)
    ORDER BY m.at, m.id`);
}
