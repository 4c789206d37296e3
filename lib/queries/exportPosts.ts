import type { CsvQuery } from "@/lib/export/streamQuery";
import { localRange, type Day } from "@/lib/time";

/** Every post of an agency published in the range (agency-local days), oldest first, for CSV export. */
export function exportPostsQuery(params: { agencyId: string; timeZone: string; from: Day; to: Day }): CsvQuery {
  return {
    header: ["publisert_utc", "publisert_lokal", "plattform", "kanal", "tekst", "lenke", "visninger", "liker", "delinger", "svar", "sitater"],
    sql: `SELECT to_char(p.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                 to_char(p.published_at AT TIME ZONE $2, 'YYYY-MM-DD"T"HH24:MI:SS'),
                 a.platform::text, a.handle, p.text, p.permalink, p.impressions, p.likes, p.reposts, p.replies, p.quotes
          FROM post p JOIN account a ON a.id = p.account_id
          WHERE p.agency_id = $1 AND p.published_at >= $3 AND p.published_at < $4
          ORDER BY p.published_at, p.id`,
    values: [params.agencyId, params.timeZone, localRange(params.from, params.to, params.timeZone).start, localRange(params.from, params.to, params.timeZone).end],
  };
}
