import type { Db } from "@/lib/db/client";
import { bulkUpsert, type Column } from "./bulk";
import { mergePerKey } from "./dedupe";
import { pseudonymise } from "@/lib/crypto";

export type ReplyInput = {
  agencyId: string;
  accountId: string;
  /** Platform id of the post answered; linked to our post row when we have it. */
  platformPostId?: string | null;
  platformReplyId: string;
  /** The author's handle as the platform gives it; only its keyed hash is stored. */
  authorHandle: string;
  authorDisplayName?: string | null;
  text: string;
  publishedAt: Date;
  permalink?: string | null;
  language?: string | null;
};

const BATCH = 10_000;
const COLUMNS: Column[] = [
  { name: "agency_id", type: "uuid" }, { name: "account_id", type: "uuid" }, { name: "platform_post_id", type: "text" },
  { name: "platform_reply_id", type: "text" }, { name: "author_hash", type: "text" }, { name: "author_display_name", type: "text" },
  { name: "text", type: "text" }, { name: "published_at", type: "timestamptz" }, { name: "permalink", type: "text" },
  { name: "language", type: "text" },
];

const upsert = (source: string) => `
  INSERT INTO reply AS r (agency_id, account_id, post_id, platform_reply_id, author_hash, author_display_name,
                          text, published_at, permalink, language)
  SELECT s.agency_id, s.account_id, p.id, s.platform_reply_id, s.author_hash, s.author_display_name,
         s.text, s.published_at, s.permalink, s.language
  FROM ${source}
  LEFT JOIN post p ON p.agency_id = s.agency_id AND p.account_id = s.account_id AND p.platform_post_id = s.platform_post_id
  ON CONFLICT (agency_id, account_id, platform_reply_id) DO UPDATE SET
    post_id  = COALESCE(EXCLUDED.post_id, r.post_id),
    text     = EXCLUDED.text,
    language = COALESCE(EXCLUDED.language, r.language)`;

/** Upserts replies by (agency, account, platform id); the author handle is pseudonymised before it is stored. */
export async function upsertReplies(db: Db, rows: ReplyInput[], pseudonymisationKey: string): Promise<number> {
  const unique = mergePerKey(rows, (r) => `${r.agencyId}|${r.accountId}|${r.platformReplyId}`);
  let written = 0;
  for (let i = 0; i < unique.length; i += BATCH) {
    const cells = unique.slice(i, i + BATCH).map((r) => [r.agencyId, r.accountId, r.platformPostId ?? null, r.platformReplyId,
      pseudonymise(r.authorHandle, pseudonymisationKey), r.authorDisplayName ?? null, r.text, r.publishedAt.toISOString(),
      r.permalink ?? null, r.language ?? null]);
    written += await bulkUpsert(db, "reply", COLUMNS, cells, upsert, { analyze: true });
  }
  return written;
}
