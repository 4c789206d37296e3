import type { CsvQuery } from "@/lib/export/csvQuery";
import { localRange, type Day } from "@/lib/time";

/** Every post of an agency published in the range (agency-local days), oldest first, for CSV export. */
export function exportPostsQuery(params: { agencyId: string; timeZone: string; from: Day; to: Day }): CsvQuery {
  const range = localRange(params.from, params.to, params.timeZone);
  return {
    header: [
      "publisert_utc",
      "publisert_lokal",
      "plattform",
      "kanal",
      "tekst",
      "lenke",
      "visninger",
      "liker",
      "delinger",
      "svar",
      "sitater",
    ],
    columns: [
      { sql: `to_char(p.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')` },
      { sql: `to_char(p.published_at AT TIME ZONE $2, 'YYYY-MM-DD"T"HH24:MI:SS')` },
      { sql: "a.platform::text" },
      { sql: "a.handle", text: true },
      { sql: "p.text", text: true },
      { sql: "p.permalink", text: true },
      { sql: "p.impressions" },
      { sql: "p.likes" },
      { sql: "p.reposts" },
      { sql: "p.replies" },
      { sql: "p.quotes" },
    ],
    from: `FROM post p JOIN account a ON a.id = p.account_id
          WHERE p.agency_id = $1 AND p.published_at >= $3 AND p.published_at < $4
          ORDER BY p.published_at, p.id`,
    values: [params.agencyId, params.timeZone, range.start, range.end],
  };
}
