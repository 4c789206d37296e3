import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
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

const BATCH = 2_000;

/** Upserts replies by (agency, account, platform id); the author handle is pseudonymised before it is stored. */
export async function upsertReplies(db: Db, rows: ReplyInput[], pseudonymisationKey: string): Promise<number> {
  const unique = mergePerKey(rows, (r) => `${r.agencyId}|${r.accountId}|${r.platformReplyId}`);
  let written = 0;
  for (let i = 0; i < unique.length; i += BATCH) {
    const b = unique.slice(i, i + BATCH);
    written += await db.$executeRaw(Prisma.sql`
      INSERT INTO reply AS r (agency_id, account_id, post_id, platform_reply_id, author_hash, author_display_name,
                              text, published_at, permalink, language)
      SELECT t.agency_id, t.account_id, p.id, t.platform_reply_id, t.author_hash, t.author_display_name,
             t.text, t.published_at, t.permalink, t.language
      FROM unnest(
        ${b.map((r) => r.agencyId)}::uuid[], ${b.map((r) => r.accountId)}::uuid[], ${b.map((r) => r.platformPostId ?? null)}::text[],
        ${b.map((r) => r.platformReplyId)}::text[], ${b.map((r) => pseudonymise(r.authorHandle, pseudonymisationKey))}::text[],
        ${b.map((r) => r.authorDisplayName ?? null)}::text[], ${b.map((r) => r.text)}::text[],
        ${b.map((r) => r.publishedAt.toISOString())}::timestamptz[], ${b.map((r) => r.permalink ?? null)}::text[],
        ${b.map((r) => r.language ?? null)}::text[]
      ) AS t(agency_id, account_id, platform_post_id, platform_reply_id, author_hash, author_display_name,
             text, published_at, permalink, language)
      LEFT JOIN post p ON p.agency_id = t.agency_id AND p.account_id = t.account_id AND p.platform_post_id = t.platform_post_id
      ON CONFLICT (agency_id, account_id, platform_reply_id) DO UPDATE SET
        post_id  = COALESCE(EXCLUDED.post_id, r.post_id),
        text     = EXCLUDED.text,
        language = COALESCE(EXCLUDED.language, r.language)`);
  }
  return written;
}
