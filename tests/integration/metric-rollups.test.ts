import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { upsertDailyMetrics, type DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import { aggregate, timeseries } from "@/lib/metrics/engine";
import { periodPieces } from "@/lib/metrics/periods";
import { addDays, weekStart, type Day } from "@/lib/time";
import { useTestDatabase } from "../helpers/testDb";

/**
 * The weekly and monthly rollups (account_metric_rollup, kept by triggers on the daily rows) against
 * the daily rows themselves: for generated histories with random collection gaps, series breaks,
 * audiences that stop being reported, re-collections that fill in or change values, deleted days,
 * agencies in time zones with and without DST, every figure the engine reads through rollups is the
 * figure it reads from the daily rows alone, and every stored rollup is what a fresh aggregate of
 * its week's or month's daily rows gives.
 */

const t = useTestDatabase();
const ZONES = ["Europe/Oslo", "America/Santiago", "Asia/Tokyo", "UTC"] as const;
const FIRST: Day = "2025-09-01";
const HISTORY_DAYS = 400;
let runs = 0;

const channelArb = fc.record({
  platform: fc.constantFrom("twitter" as const, "facebook" as const),
  start: fc.integer({ min: 0, max: 2_000_000_000 }),
  skip: fc.integer({ min: 0, max: 120 }),
  gaps: fc.array(
    fc.record({ at: fc.integer({ min: 0, max: HISTORY_DAYS - 1 }), length: fc.integer({ min: 1, max: 40 }) }),
    { maxLength: 4 },
  ),
  breakAt: fc.option(fc.integer({ min: 0, max: HISTORY_DAYS - 1 }), { nil: null }),
  audienceStops: fc.option(fc.integer({ min: 0, max: HISTORY_DAYS - 1 }), { nil: null }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});
const windowArb = fc.record({
  fromBack: fc.integer({ min: -30, max: HISTORY_DAYS + 30 }),
  length: fc.integer({ min: 1, max: 420 }),
  bucket: fc.constantFrom("day" as const, "week" as const, "month" as const),
});
const scopeArb = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  channels: fc.array(channelArb, { minLength: 1, maxLength: 3 }),
  // Later collections: re-collected days (some values changed, some filled in) and deleted days.
  recollect: fc.array(fc.integer({ min: 0, max: HISTORY_DAYS - 1 }), { maxLength: 20 }),
  remove: fc.array(fc.integer({ min: 0, max: HISTORY_DAYS - 1 }), { maxLength: 10 }),
  windows: fc.array(windowArb, { minLength: 1, maxLength: 3 }),
});

async function rollupsMatchDailyRows(agencyId: string) {
  const [stored, fresh] = await Promise.all([
    t.db.$queryRaw<
      unknown[]
    >`SELECT account_id, grain, start::text, collected_days, last_collected::text, audience_packed::text,
        impressions::text, reach::text, engagements::text, replies::text, posts::text, known_audience::text, known_impressions::text,
        known_reach::text, known_engagements::text, known_replies::text, known_posts::text
      FROM account_metric_rollup WHERE agency_id = ${agencyId}::uuid ORDER BY 1, 2, 3`,
    t.db.$queryRaw<
      unknown[]
    >`SELECT m.account_id, g.grain, metric_rollup_start(g.grain, m.day)::text AS start, count(*)::int AS collected_days,
        max(m.day)::text AS last_collected,
        (max(((m.day - DATE '2000-01-01')::bigint << 32) + (m.followers::bigint + 2147483648)) FILTER (WHERE m.followers IS NOT NULL))::text AS audience_packed,
        sum(m.impressions)::text AS impressions, sum(m.reach)::text AS reach, sum(m.engagements)::text AS engagements,
        sum(m.replies_received)::text AS replies, sum(m.posts_published)::text AS posts,
        (max(m.day) FILTER (WHERE m.followers IS NOT NULL))::text AS known_audience,
        (max(m.day) FILTER (WHERE m.impressions IS NOT NULL))::text AS known_impressions,
        (max(m.day) FILTER (WHERE m.reach IS NOT NULL))::text AS known_reach,
        (max(m.day) FILTER (WHERE m.engagements IS NOT NULL))::text AS known_engagements,
        (max(m.day) FILTER (WHERE m.replies_received IS NOT NULL))::text AS known_replies,
        (max(m.day) FILTER (WHERE m.posts_published IS NOT NULL))::text AS known_posts
      FROM account_daily_metric m CROSS JOIN (VALUES (1), (2)) AS g(grain) WHERE m.agency_id = ${agencyId}::uuid
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  ]);
  expect(stored).toEqual(fresh);
}

describe("weekly and monthly rollups", () => {
  it("cut a period into whole months, whole weeks and the days at its ends, covering each day once", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 1, max: 800 }), (offset, length) => {
        const from = addDays("2024-01-01", offset);
        const to = addDays(from, length - 1);
        const covered: Day[] = [];
        for (const p of periodPieces({ from, to })) {
          if (p.grain === 1) expect(weekStart(p.start)).toBe(p.start);
          if (p.grain === 2) expect(p.start.endsWith("-01")).toBe(true);
          const last =
            p.grain === 2
              ? addDays(`${addDays(p.start, 32).slice(0, 7)}-01`, -1)
              : p.grain === 1
                ? addDays(p.start, 6)
                : p.start;
          for (let d = p.start; d <= last; d = addDays(d, 1)) covered.push(d);
        }
        expect(covered).toEqual(Array.from({ length }, (_, i) => addDays(from, i)));
        // A year is read in a few dozen pieces, not 365 rows: at most 4 weeks and 12 days (6 before the first Monday, 6 before the first whole month) at the start, 4 weeks and 6 days at the end.
        expect(periodPieces({ from, to }).length).toBeLessThanOrEqual(Math.floor(length / 28) + 26);
      }),
      { numRuns: 300 },
    );
  });

  it("give every figure of the daily rows, for random histories, re-collections, deletions and periods", async () => {
    await fc.assert(
      fc.asyncProperty(scopeArb, async (s) => {
        const agency = await t.db.agency.create({
          data: { slug: `rollup-${++runs}`, name: `Etat ${runs}`, timeZone: s.timeZone },
        });
        const accounts: string[] = [];
        const inserts: DailyMetricInput[] = [];
        for (const [i, c] of s.channels.entries()) {
          const account = await t.db.account.create({
            data: { agencyId: agency.id, platform: c.platform, handle: `k${runs}-${i}`, displayName: `Kanal ${i}` },
          });
          accounts.push(account.id);
          let r = c.seed;
          const next = () => ((r = (r * 1_103_515_245 + 12_345) % 2_147_483_648), r / 2_147_483_648);
          let followers = c.start;
          for (let d = c.skip; d < HISTORY_DAYS; d++) {
            followers = Math.max(0, Math.min(2_147_483_647, followers + Math.floor(next() * 400) - 100));
            if (c.gaps.some((g) => d >= g.at && d < g.at + g.length)) continue;
            const impressions = c.breakAt !== null && d >= c.breakAt ? null : Math.floor(next() * 2_000_000_000);
            inserts.push({
              agencyId: agency.id,
              accountId: account.id,
              day: addDays(FIRST, d),
              followers: c.audienceStops !== null && d >= c.audienceStops ? null : followers,
              impressions,
              reach: c.platform === "facebook" && impressions !== null ? Math.floor(impressions * 0.6) : null,
              engagements: impressions === null ? null : Math.floor(impressions * 0.02),
              repliesReceived: next() < 0.2 ? null : Math.floor(next() * 12),
              postsPublished: Math.floor(next() * 3),
            });
          }
        }
        // Loaded in batches of both sizes the ingest path knows (unnest below 500 rows, COPY above).
        const cut = Math.floor(inserts.length / 3);
        await upsertDailyMetrics(t.db, inserts.slice(0, cut));
        await upsertDailyMetrics(t.db, inserts.slice(cut));
        await upsertDailyMetrics(
          t.db,
          s.recollect.map((d, i) => ({
            agencyId: agency.id,
            accountId: accounts[i % accounts.length]!,
            day: addDays(FIRST, d),
            followers: i % 2 ? 123_456 : null,
            reach: i % 3 ? 999 : null,
          })),
        );
        if (s.remove.length)
          await t.db.accountDailyMetric.deleteMany({
            where: {
              agencyId: agency.id,
              day: { in: s.remove.map((d) => new Date(`${addDays(FIRST, d)}T00:00:00Z`)) },
            },
          });
        await rollupsMatchDailyRows(agency.id);

        const target = { agencyIds: [agency.id] };
        for (const w of s.windows) {
          const from = addDays(FIRST, HISTORY_DAYS - w.fromBack);
          const range = { from, to: addDays(from, w.length - 1) };
          const [fast, daily] = await Promise.all([
            timeseries(t.db, target, range, w.bucket),
            timeseries(t.db, target, range, w.bucket, { rollups: false }),
          ]);
          expect(fast).toEqual(daily);
          const periods = { range: { ...range, compare: true }, alone: range };
          expect(await aggregate(t.db, target, periods)).toEqual(
            await aggregate(t.db, target, periods, { rollups: false }),
          );
        }
        // Agencies and channels removed take their rollups with them.
        await t.db.account.delete({ where: { id: accounts[0]! } });
        await rollupsMatchDailyRows(agency.id);
      }),
      { numRuns: 25 },
    );
  }, 240_000);

  it("stay right when two collections write days of the same channel at once", async () => {
    const agency = await t.db.agency.create({ data: { slug: "rollup-concurrent", name: "Samtidig" } });
    const account = await t.db.account.create({
      data: { agencyId: agency.id, platform: "twitter", handle: "samtidig", displayName: "Samtidig" },
    });
    const row = (d: number): DailyMetricInput => ({
      agencyId: agency.id,
      accountId: account.id,
      day: addDays("2026-03-01", d),
      followers: 1000 + d,
      impressions: d,
    });
    await Promise.all(Array.from({ length: 20 }, (_, i) => upsertDailyMetrics(t.db, [row(i), row(40 - i)])));
    await rollupsMatchDailyRows(agency.id);
  });

  it("are emptied with the daily rows", async () => {
    await t.db.$executeRawUnsafe("TRUNCATE account_daily_metric");
    expect(await t.db.accountMetricRollup.count()).toBe(0);
  });
});
