import type { Platform } from "@/lib/generated/prisma/client";
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
  /** The link as the platform gives it; stored only as citizenPermalink() makes it. */
  permalink?: string | null;
  language?: string | null;
};

const BATCH = 10_000;
const COLUMNS: Column[] = [
  { name: "agency_id", type: "uuid" },
  { name: "account_id", type: "uuid" },
  { name: "platform_post_id", type: "text" },
  { name: "platform_reply_id", type: "text" },
  { name: "author_hash", type: "text" },
  { name: "author_display_name", type: "text" },
  { name: "text", type: "text" },
  { name: "published_at", type: "timestamptz" },
  { name: "permalink", type: "text" },
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

/**
 * Platforms whose reply links still name the author after citizenPermalink(): Bluesky links need the
 * author's DID, a stable identifier of the person. Such links are personal data like the reply text
 * (kept with the reply, erased with it, in the subject export) and are left out of pseudonymised
 * and viewer-level exports.
 */
export const PERMALINK_NAMES_AUTHOR: readonly Platform[] = ["bluesky"];

/**
 * A citizen's reply link as a CSV export may show it: never in an export every viewer may take, and
 * never one that names its author (that one is only in the subject export).
 */
export function exportedPermalink(
  platform: Platform | null,
  permalink: string | null,
  opts: { viewerLevel: boolean },
): string | null {
  if (opts.viewerLevel || !platform || PERMALINK_NAMES_AUTHOR.includes(platform)) return null;
  return permalink;
}

/**
 * The link stored for a citizen's reply: built without the author's handle wherever the platform
 * allows it, otherwise null or (Bluesky) with the author's DID. The one place that decides.
 * - X: https://x.com/i/web/status/<id> opens any post by its id alone.
 * - Mastodon: https://<instance>/@<user>/<id> → https://<instance>/statuses/<id> (a route of Mastodon's
 *   web app on the same instance, same local id); a link that names its author any other way is dropped.
 * - Bluesky: https://bsky.app/profile/<did>/post/<rkey>, from the post's at:// URI (a handle can change hands; the DID cannot).
 * - YouTube (video and comment ids), Flickr (the photo owner is the agency) and Facebook (no link) name no citizen.
 */
export function citizenPermalink(platform: Platform, url: string | null | undefined, replyId: string): string | null {
  switch (platform) {
    case "twitter": {
      const id = /^\d+$/.test(replyId) ? replyId : /\/status(?:es)?\/(\d+)(?=$|[/?#])/.exec(url ?? "")?.[1];
      return id ? `https://x.com/i/web/status/${id}` : null;
    }
    case "mastodon": {
      if (!url) return null;
      const named = /^(https:\/\/[^/@\s]+)\/(?:@[^/\s]+|users\/[^/\s]+\/statuses)\/(\d+)$/.exec(url);
      if (named) return `${named[1]}/statuses/${named[2]}`;
      return /\/@|\/users\//.test(url) ? null : url;
    }
    case "bluesky": {
      const at = /^at:\/\/(did:[a-z]+:[A-Za-z0-9._:%-]+)\/app\.bsky\.feed\.post\/([A-Za-z0-9._~-]+)$/.exec(replyId);
      return at ? `https://bsky.app/profile/${at[1]}/post/${at[2]}` : null;
    }
    default:
      return url ?? null;
  }
}

/** Upserts replies by (agency, account, platform id); the author handle is pseudonymised before it is stored. */
export async function upsertReplies(db: Db, rows: ReplyInput[], pseudonymisationKey: string): Promise<number> {
  const unique = mergePerKey(rows, (r) => `${r.agencyId}|${r.accountId}|${r.platformReplyId}`);
  let written = 0;
  const accountIds = [...new Set(unique.map((r) => r.accountId))];
  const platformOf = new Map(
    (await db.account.findMany({ where: { id: { in: accountIds } }, select: { id: true, platform: true } })).map(
      (a) => [a.id, a.platform],
    ),
  );
  const link = (r: ReplyInput) => {
    const platform = platformOf.get(r.accountId);
    return platform ? citizenPermalink(platform, r.permalink, r.platformReplyId) : null;
  };
  for (let i = 0; i < unique.length; i += BATCH) {
    const cells = unique
      .slice(i, i + BATCH)
      .map((r) => [
        r.agencyId,
        r.accountId,
        r.platformPostId ?? null,
        r.platformReplyId,
        pseudonymise(r.authorHandle, pseudonymisationKey),
        r.authorDisplayName ?? null,
        r.text,
        r.publishedAt.toISOString(),
        link(r),
        r.language ?? null,
      ]);
    written += await bulkUpsert(db, "reply", COLUMNS, cells, upsert, { analyze: true });
  }
  return written;
}
