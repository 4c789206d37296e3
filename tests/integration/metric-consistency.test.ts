import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as compareGet } from "@/app/api/agencies/[slug]/compare/route";
import { GET as exportGet } from "@/app/api/agencies/[slug]/export/[dataset]/route";
import { GET as growthGet } from "@/app/api/agencies/[slug]/growth/route";
import { GET as overviewGet } from "@/app/api/agencies/[slug]/overview/route";
import { GET as reachGet } from "@/app/api/agencies/[slug]/reach/route";
import { GET as repliesGet } from "@/app/api/agencies/[slug]/replies/route";
import { createLocalUser, grantMembership } from "@/lib/auth/users";
import { upsertDailyMetrics, type DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import { bucketPeriods, previousPeriod, type Period } from "@/lib/metrics/periods";
import { getWeeklyReportData } from "@/lib/reports/data";
import { renderReport } from "@/lib/reports/render";
import { previousWeek } from "@/lib/reports/week";
import { addDays, daysBetween, localDay, type Day } from "@/lib/time";
import { useTestDatabase } from "../helpers/testDb";
import { setConfig } from "../helpers/config";

/**
 * The product's promise, as a property: for generated history with random collection gaps, series
 * breaks (a metric that stops from some day), time zones with and without DST, the same scope and
 * metric give the same value on the overview, growth and reach JSON routes, their CSV exports and
 * the weekly e-mail, and that value is what the metric's definition says (an oracle in plain
 * TypeScript over the generated rows).
 */

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

const t = useTestDatabase();
// A fixed "now" a month after Oslo's autumn switch and three months after Santiago's spring gap (6 September 2026).
const NOW = new Date("2026-11-26T11:00:00Z");
const ZONES = ["Europe/Oslo", "America/Santiago", "Asia/Tokyo"] as const;
const HISTORY_DAYS = 110;
let userId: string;
let runs = 0;

type Rows = Map<string, Map<Day, DailyMetricInput>>;

beforeAll(async () => {
  setConfig({ DATABASE_URL: t.url });
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  const user = await createLocalUser(t.db, {
    email: "analytiker@etat.test",
    name: "Analytiker",
    password: "et-langt-passord-2026",
  });
  userId = user.id;
  session.user = { id: user.id, email: user.email, name: user.name };
});
afterAll(() => {
  vi.useRealTimers();
});

const channelArb = fc.record({
  platform: fc.constantFrom("twitter" as const, "facebook" as const),
  start: fc.integer({ min: 500, max: 50_000 }),
  gaps: fc.array(
    fc.record({ at: fc.integer({ min: 0, max: HISTORY_DAYS - 1 }), length: fc.integer({ min: 1, max: 9 }) }),
    { maxLength: 3 },
  ),
  // A series break: impressions stop being reported from this day on (null = never).
  breakAt: fc.option(fc.integer({ min: 10, max: HISTORY_DAYS - 1 }), { nil: null }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});
const scopeArb = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  channels: fc.array(channelArb, { minLength: 1, maxLength: 3 }),
  fromBack: fc.integer({ min: 1, max: HISTORY_DAYS - 5 }),
  length: fc.integer({ min: 1, max: 60 }),
  bucket: fc.constantFrom("day" as const, "week" as const, "month" as const),
});

type Generated = typeof scopeArb extends fc.Arbitrary<infer T> ? T : never;

async function seed(s: Generated) {
  const slug = `etat-${++runs}`;
  const agency = await t.db.agency.create({ data: { slug, name: `Etat ${runs}`, timeZone: s.timeZone } });
  await grantMembership(t.db, { userId, agencyId: agency.id, role: "viewer" });
  const today = localDay(NOW, s.timeZone);
  const first = addDays(today, -HISTORY_DAYS);
  const rows: Rows = new Map();
  const inserts: DailyMetricInput[] = [];
  for (const [i, c] of s.channels.entries()) {
    const account = await t.db.account.create({
      data: { agencyId: agency.id, platform: c.platform, handle: `${slug}-k${i}`, displayName: `Kanal ${i}` },
    });
    const mine = new Map<Day, DailyMetricInput>();
    let followers = c.start;
    let r = c.seed;
    const next = () => ((r = (r * 1_103_515_245 + 12_345) % 2_147_483_648), r / 2_147_483_648);
    for (let d = 0; d <= HISTORY_DAYS; d++) {
      followers += Math.floor(next() * 40) - 8;
      if (c.gaps.some((g: { at: number; length: number }) => d >= g.at && d < g.at + g.length)) continue;
      const day = addDays(first, d);
      const impressions = c.breakAt !== null && d >= c.breakAt ? null : Math.floor(next() * 5000);
      const row: DailyMetricInput = {
        agencyId: agency.id,
        accountId: account.id,
        day,
        followers,
        impressions,
        reach: c.platform === "facebook" && impressions !== null ? Math.floor(impressions * 0.6) : null,
        engagements: impressions === null ? null : Math.floor(impressions * 0.02),
        repliesReceived: Math.floor(next() * 12),
        postsPublished: 1 + Math.floor(next() * 3),
      };
      mine.set(day, row);
      inserts.push(row);
    }
    rows.set(account.id, mine);
  }
  await upsertDailyMetrics(t.db, inserts);
  const from = addDays(today, -s.fromBack);
  const to = addDays(from, s.length - 1) > today ? today : addDays(from, s.length - 1);
  return { agency, slug, today, rows, range: { from, to } };
}

// ---- The oracle: each definition in plain TypeScript over the generated rows.
function days(p: Period): Day[] {
  return Array.from({ length: daysBetween(p.from, p.to) + 1 }, (_, i) => addDays(p.from, i));
}
function audienceEnd(rows: Map<Day, DailyMetricInput>, p: Period): number | null {
  for (const d of days(p).reverse()) {
    const v = rows.get(d)?.followers;
    if (v !== undefined && v !== null) return v;
  }
  return null;
}
function change(rows: Map<Day, DailyMetricInput>, p: Period, bucket?: "day" | "week" | "month"): number | null {
  const end = audienceEnd(rows, p);
  const before = audienceEnd(rows, previousPeriod(p, bucket));
  return end === null || before === null ? null : end - before;
}
function flow(
  rows: Map<Day, DailyMetricInput>,
  p: Period,
  key: "impressions" | "reach" | "repliesReceived",
): number | null {
  const known = days(p)
    .map((d) => rows.get(d)?.[key])
    .filter((v): v is number => v !== undefined && v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

// ---- The real entry points.
const ctx = (slug: string) => ({ params: Promise.resolve({ slug }) });
async function json(
  handler: (r: Request, c: { params: Promise<{ slug: string }> }) => Promise<Response>,
  slug: string,
  path: string,
  query: string,
) {
  const res = await handler(new Request(`http://x/api/agencies/${slug}/${path}?${query}`), ctx(slug));
  expect(res.status, `${path}?${query}`).toBe(200);
  return ((await res.json()) as { data: any }).data; // eslint-disable-line @typescript-eslint/no-explicit-any
}
async function csv(slug: string, dataset: string, query: string): Promise<string[][]> {
  const res = await exportGet(new Request(`http://x/api/agencies/${slug}/export/${dataset}?${query}`), {
    params: Promise.resolve({ slug, dataset }),
  });
  expect(res.status, `${dataset}?${query}`).toBe(200);
  return (await res.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .map((l) => l.split(";"));
}
const num = (cell: string | undefined) => (cell === undefined || cell === "" ? null : Number(cell.replace(",", ".")));

describe("every view reads the same metric the same way", () => {
  it("growth, reach and replies: JSON, CSV and the definition agree for random gaps, breaks, time zones and buckets", async () => {
    await fc.assert(
      fc.asyncProperty(scopeArb, async (s) => {
        const { slug, rows, range } = await seed(s);
        const query = `from=${range.from}&to=${range.to}&bucket=${s.bucket}`;
        const growth = await json(growthGet, slug, "growth", query);
        const growthCsv = await csv(slug, "growth", query);
        const buckets = bucketPeriods(range, s.bucket);
        expect(growth.buckets).toEqual(buckets.map((b) => b.start));
        for (const a of growth.accounts) {
          const mine = rows.get(a.key)!;
          expect(a.absolute).toEqual(buckets.map((b) => audienceEnd(mine, b)));
          expect(a.net).toEqual(buckets.map((b) => change(mine, b, s.bucket)));
          const lines = growthCsv.filter((l) => l[2] === a.label);
          expect(lines.map((l) => num(l[3]))).toEqual(a.absolute);
          expect(lines.map((l) => num(l[4]))).toEqual(a.net);
        }
        // The per-channel table and the per-platform sentence: one definition (growth over the range).
        for (const row of growth.summary) expect(row.change).toBe(change(rows.get(row.accountId)!, range));
        for (const p of growth.platformSummary) {
          const members = growth.summary.filter((r: { platform: string }) => r.platform === p.platform);
          if (members.length === 1) expect([p.change, p.start]).toEqual([members[0].change, members[0].start]);
        }

        const reach = await json(reachGet, slug, "reach", query);
        const reachCsv = await csv(slug, "reach", query);
        const replies = await json(repliesGet, slug, "replies", query);
        for (const c of reach.channels) {
          const mine = rows.get(c.accountId)!;
          expect(c.values.map((v: { impressions: number | null }) => v.impressions)).toEqual(
            buckets.map((b) => flow(mine, b, "impressions")),
          );
          expect(c.values.map((v: { reach: number | null }) => v.reach)).toEqual(
            buckets.map((b) => flow(mine, b, "reach")),
          );
          expect(c.total.impressions).toBe(flow(mine, range, "impressions"));
          const lines = reachCsv.filter((l) => l[2] === c.handle);
          expect(lines.map((l) => num(l[3]))).toEqual(
            c.values.map((v: { impressions: number | null }) => v.impressions),
          );
          expect(lines.map((l) => num(l[4]))).toEqual(c.values.map((v: { reach: number | null }) => v.reach));
          const r = replies.channels.find((x: { accountId: string }) => x.accountId === c.accountId);
          expect(r?.total ?? null).toBe(flow(mine, range, "repliesReceived"));
        }

        // The agency side by side (compare): followers across its channels and impressions, JSON and CSV.
        const compare = (await json(compareGet, slug, "compare", `${query}&agency=${slug}`))[0];
        const compareCsv = (await csv(slug, "compare", `${query}&agency=${slug}`))[1]!;
        const taking = [...rows.values()].filter(
          (m) => audienceEnd(m, range) !== null || audienceEnd(m, previousPeriod(range)) !== null,
        );
        const ends = taking.map((m) => audienceEnd(m, range));
        expect(compare.audience).toBe(
          taking.length && ends.every((v) => v !== null) ? (ends as number[]).reduce((a, b) => a + b, 0) : null,
        );
        expect(num(compareCsv[2])).toBe(compare.audience);
        expect(num(compareCsv[5])).toBe(compare.impressions);
      }),
      { numRuns: 25, seed: 20261126, endOnFailure: true },
    );
  }, 240_000);

  it("overview, growth by week and the weekly e-mail give the same change for last week, and the same impressions", async () => {
    await fc.assert(
      fc.asyncProperty(scopeArb, async (s) => {
        const { agency, slug, rows } = await seed(s);
        const week = previousWeek(NOW, s.timeZone);
        const lastWeek = { from: week.start, to: week.end };
        const overview = await json(overviewGet, slug, "overview", "");
        const weekly = await json(growthGet, slug, "growth", `from=${week.start}&to=${week.end}&bucket=week`);
        const report = await getWeeklyReportData(
          t.db,
          { id: agency.id, slug, name: agency.name, timeZone: s.timeZone, locale: "nb" },
          week,
        );
        const rendered = await renderReport(report);
        const reportCsv = rendered.csv
          .replace(/^\uFEFF/, "")
          .trim()
          .split("\r\n")
          .map((l) => l.split(";"));
        const overviewCsv = await csv(slug, "overview", "");
        const thisWeek = await json(
          reachGet,
          slug,
          "reach",
          `from=${overview.thisWeek}&to=${overview.today}&bucket=week`,
        );
        for (const c of overview.channels) {
          const mine = rows.get(c.accountId)!;
          const expected = change(mine, lastWeek);
          expect(c.changeLastWeek).toBe(expected);
          const g = weekly.accounts.find((a: { key: string }) => a.key === c.accountId);
          expect(g?.net[0] ?? null).toBe(g ? expected : null);
          const r = report.channels.find((x) => x.accountId === c.accountId);
          if (r) {
            expect(r.changeWeek).toBe(expected);
            expect(num(reportCsv.find((l) => l[2] === c.handle)?.[4])).toBe(expected);
          }
          const line = overviewCsv.find((l) => l[1] === c.handle)!;
          expect(line[3]).toBe("aktiv");
          expect(num(line[8])).toBe(expected);
          // Impressions this week so far: the overview and the reach view of the same days.
          const reachChannel = thisWeek.channels.find((x: { accountId: string }) => x.accountId === c.accountId);
          expect(c.impressionsThisWeek).toBe(reachChannel.total.impressions);
          expect(c.impressionsThisWeek).toBe(
            flow(mine, { from: overview.thisWeek, to: overview.today }, "impressions"),
          );
          // This week so far, as the growth view of the same days measures it.
          const soFar = await json(
            growthGet,
            slug,
            "growth",
            `from=${overview.thisWeek}&to=${overview.today}&bucket=week`,
          );
          const fromGrowth = soFar.summary.find((x: { accountId: string }) => x.accountId === c.accountId);
          expect(c.changeThisWeek).toBe(
            fromGrowth ? fromGrowth.change : change(mine, { from: overview.thisWeek, to: overview.today }),
          );
        }
        // Followers across channels: the e-mail counts the channels the way the totals do.
        expect(report.channelsCounted).toBe(s.channels.length);
      }),
      { numRuns: 15, seed: 47, endOnFailure: true },
    );
  }, 240_000);

  it("a metric the platform stopped reporting shows as a series break on the overview and in the e-mail, never as zeros", async () => {
    const agency = await t.db.agency.create({ data: { slug: "brudd", name: "Bruddetaten", timeZone: "Europe/Oslo" } });
    await grantMembership(t.db, { userId, agencyId: agency.id, role: "viewer" });
    const account = await t.db.account.create({
      data: { agencyId: agency.id, platform: "facebook", handle: "brudd", displayName: "Brudd" },
    });
    const today = localDay(NOW, "Europe/Oslo");
    const retired = addDays(today, -10);
    const rows: DailyMetricInput[] = [];
    for (let d = addDays(today, -40); d < today; d = addDays(d, 1)) {
      rows.push({
        agencyId: agency.id,
        accountId: account.id,
        day: d,
        followers: 1000,
        impressions: d < retired ? 500 : null,
        reach: d < retired ? 300 : null,
      });
    }
    await upsertDailyMetrics(t.db, rows);
    const overview = await json(overviewGet, "brudd", "overview", "");
    expect(overview.attention).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: "series_break", metric: "impressions", lastKnown: addDays(retired, -1) }),
        expect.objectContaining({ reason: "series_break", metric: "reach", lastKnown: addDays(retired, -1) }),
      ]),
    );
    expect(overview.impressionsThisWeek).toBeNull();
    const week = previousWeek(NOW, "Europe/Oslo");
    const report = await getWeeklyReportData(
      t.db,
      { id: agency.id, slug: "brudd", name: agency.name, timeZone: "Europe/Oslo", locale: "nb" },
      week,
    );
    const html = (await renderReport(report)).html;
    expect(html).toContain("plattformen har ikke oppgitt visninger siden");
  });
});
