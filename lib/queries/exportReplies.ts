import type { CsvQuery } from "@/lib/export/csvQuery";
import { PERMALINK_NAMES_AUTHOR } from "@/lib/ingest/replies";
import { localRange, type Day } from "@/lib/time";

// :TRICKY: COPY takes no bind parameters for arrays here; the list is a constant of platform enum names, never input.
const NAMING_PLATFORMS = [...PERMALINK_NAMES_AUTHOR].map((p) => `'${p}'`).join(", ");

/**
 * Replies received in the range, for CSV export. Authors appear only as their pseudonym (the
 * first 16 characters of the keyed hash: enough to group one person's replies, not to name them);
 * so a reply's link appears only where it does not name its author (see exportedPermalink).
 */
export function exportRepliesQuery(params: { agencyId: string; timeZone: string; from: Day; to: Day }): CsvQuery {
  const range = localRange(params.from, params.to, params.timeZone);
  return {
    header: [
      "publisert_utc",
      "publisert_lokal",
      "plattform",
      "kanal",
      "forfatter_pseudonym",
      "tekst",
      "lenke",
      "spraak",
      "svar_paa_innlegg",
    ],
    columns: [
      { sql: `to_char(r.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')` },
      { sql: `to_char(r.published_at AT TIME ZONE $2, 'YYYY-MM-DD"T"HH24:MI:SS')` },
      { sql: "a.platform::text" },
      { sql: "a.handle", text: true },
      { sql: "left(r.author_hash, 16)" },
      { sql: "r.text", text: true },
      { sql: `CASE WHEN a.platform::text IN (${NAMING_PLATFORMS}) THEN NULL ELSE r.permalink END`, text: true },
      { sql: "r.language", text: true },
      { sql: "p.permalink", text: true },
    ],
    from: `FROM reply r JOIN account a ON a.id = r.account_id LEFT JOIN post p ON p.id = r.post_id
          WHERE r.agency_id = $1 AND r.published_at >= $3 AND r.published_at < $4
          ORDER BY r.published_at, r.id`,
    values: [params.agencyId, params.timeZone, range.start, range.end],
  };
}
