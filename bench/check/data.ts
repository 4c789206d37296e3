/**
 * bench:check's data, generated in its own database: a national deployment at 1× (then 10×) the
 * agencies with two years of daily history per channel, one large agency with 40 channels and five
 * years of history (the growth pages), and that agency's posts for the export.
 */
import type pg from "pg";
import { addDays, type Day } from "@/lib/time";
import {
  buildAccounts,
  buildAgencies,
  copyLines,
  DAILY_COPY_COLUMNS,
  dailyRowLine,
  dailyRows,
  insertAgenciesAndAccounts,
  type AccountSpec,
  type AgencySpec,
} from "../nationalData";

export const TODAY: Day = "2026-11-23";
export const SEED = 7;
export const CHANNELS_PER_AGENCY = 20;
export const BIG_CHANNELS = 40;

export type Agencies = { agencies: AgencySpec[]; accounts: AccountSpec[] };

export function nationalSet(offset: number, count: number): Agencies {
  const agencies = buildAgencies(count, SEED, offset);
  return { agencies, accounts: buildAccounts(agencies, count * CHANNELS_PER_AGENCY, SEED) };
}

/** Agencies, channels and `years` of daily rows (up to yesterday) by COPY. */
export async function loadAgencies(client: pg.Client, set: Agencies, years: number): Promise<number> {
  await insertAgenciesAndAccounts(client, set.agencies, set.accounts);
  const from = addDays(TODAY, -Math.round(years * 365.25));
  let n = 0;
  await copyLines(
    client,
    "account_daily_metric",
    DAILY_COPY_COLUMNS,
    (function* () {
      for (const a of set.accounts)
        for (const row of dailyRows(a, from, TODAY, SEED)) {
          n++;
          yield dailyRowLine(row);
        }
    })(),
  );
  // The rollups were rebuilt by the COPY's trigger. Vacuumed and analysed as autovacuum would soon do
  // anyway: the timed rows then meet the tables in their steady state, not beside autovacuum's work.
  await client.query("VACUUM (ANALYZE) account_daily_metric, account_metric_rollup");
  return n;
}

/** The large agency: one top-level body with 40 channels and five years of history. */
export function bigAgency(): Agencies {
  const [agency] = buildAgencies(1, SEED + 1, 9_000);
  const big = { ...agency!, slug: "storetaten", name: "Storetaten", parentId: null };
  return { agencies: [big], accounts: buildAccounts([big], BIG_CHANNELS, SEED + 1) };
}

/** `count` posts for the agency's first channel, with the texts a CSV must survive. */
export async function loadPosts(client: pg.Client, agencyId: string, accountId: string, count: number): Promise<void> {
  await client.query(
    `INSERT INTO post (agency_id, account_id, platform_post_id, published_at, text, permalink, impressions, likes, reposts, replies)
     SELECT $1, $2, g::text, timestamptz '2025-01-01' + g * interval '20 seconds',
            CASE g % 4 WHEN 0 THEN '=HYPERLINK("x")' WHEN 1 THEN 'Trafikkulykke på E18 ved Lysaker; melding ' || g || '. «Nødetatene» er på stedet – forvent kø.'
                       WHEN 2 THEN 'To linjer' || chr(10) || 'med "sitat"' ELSE '@politiet: Æ Ø Å' END,
            'https://x.com/bench/status/' || g, g % 50000, g % 700, g % 90, g % 40
     FROM generate_series(1, $3::int) g`,
    [agencyId, accountId, count],
  );
  await client.query("VACUUM (ANALYZE) post");
}
