import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as compareGet } from "@/app/api/agencies/[slug]/compare/route";
import { GET as comparisonGet } from "@/app/api/agencies/[slug]/comparison/route";
import { GET as exportGet } from "@/app/api/agencies/[slug]/export/[dataset]/route";
import { GET as growthGet } from "@/app/api/agencies/[slug]/growth/route";
import { GET as overviewGet } from "@/app/api/agencies/[slug]/overview/route";
import { GET as postsGet } from "@/app/api/agencies/[slug]/posts/route";
import { GET as reachGet } from "@/app/api/agencies/[slug]/reach/route";
import { GET as repliesGet } from "@/app/api/agencies/[slug]/replies/route";
import { createLocalUser, grantMembership } from "@/lib/auth/users";
import { DEMO_AGENCIES } from "@/lib/demo/catalog";
import { loadDemoData } from "@/lib/demo/load";
import { acrossChannels } from "@/lib/metrics/definitions";
import { previousPeriod, type Period } from "@/lib/metrics/periods";
import { getWeeklyReportData } from "@/lib/reports/data";
import { renderReport } from "@/lib/reports/render";
import { previousWeek } from "@/lib/reports/week";
import { addDays, dayToDate, localDay, type Day } from "@/lib/time";
import { getAgencyChannels } from "@/lib/queries/getAgencyChannels";
import { setConfig } from "../helpers/config";
import { useTestDatabase } from "../helpers/testDb";

/**
 * The product's promise on the demo data: for every demo agency, every range the filters offer
 * (presets, calendar presets and a typed range across the spring DST switch) and every bucket, the growth, reach, replies,
 * overview and compare JSON routes, their CSV exports and the weekly e-mail give the same value for
 * the same metric. Values are compared, not texts (the CSV has `;` and a decimal comma).
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

const t = useTestDatabase();
// A Thursday: the running ISO week is a part week; the demo history runs up to the day before.
const NOW = new Date("2026-11-26T11:00:00Z");
const RANGES = [
  "range=7d",
  "range=30d",
  "range=90d",
  "range=12m",
  "range=all",
  // The calendar presets: this quarter so far, last quarter, year to date, last year.
  "range=quarter",
  "range=lastQuarter",
  "range=ytd",
  "range=lastYear",
  // Across Europe's spring switch (29 March 2026): a 23-hour day inside the range.
  "range=custom&from=2026-03-16&to=2026-04-12",
] as const;
const BUCKETS = ["day", "week", "month"] as const;

beforeAll(async () => {
  setConfig({ DATABASE_URL: t.url });
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  await loadDemoData(t.db, { pseudonymisationKey: "5a".repeat(32), today: "2026-11-26" });
  const user = await createLocalUser(t.db, {
    email: "analytiker@etat.test",
    name: "Analytiker",
    password: "et-langt-passord-2026",
  });
  for (const a of await t.db.agency.findMany({ where: { isDemo: true } }))
    await grantMembership(t.db, { userId: user.id, agencyId: a.id, role: "viewer" });
  session.user = { id: user.id, email: user.email, name: user.name };
}, 300_000);
afterAll(() => {
  vi.useRealTimers();
});

// ---- The real entry points.
type Handler = (r: Request, c: { params: Promise<{ slug: string }> }) => Promise<Response>;
async function json(handler: Handler, slug: string, path: string, query: string) {
  const res = await handler(new Request(`http://x/api/agencies/${slug}/${path}?${query}`), {
    params: Promise.resolve({ slug }),
  });
  expect(res.status, `${path}?${query}`).toBe(200);
  return (await res.json()) as { range: { from: Day; to: Day; bucket: string }; data: any };
}

/** RFC 4180 with `;`: quoted cells may hold `;`, quotes and line breaks. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ";") endCell();
    else if (ch === "\r" && body[i + 1] === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    endCell();
    rows.push(row);
  }
  const [header, ...lines] = rows;
  return lines.map((l) => Object.fromEntries(header!.map((h, i) => [h, l[i] ?? ""])));
}
/** A CSV export with bokmål column names (the columns are found by name; a Swedish agency's own are Swedish). */
async function csv(slug: string, dataset: string, query: string) {
  const res = await exportGet(new Request(`http://x/api/agencies/${slug}/export/${dataset}?${query}&lang=nb`), {
    params: Promise.resolve({ slug, dataset }),
  });
  expect(res.status, `${dataset}?${query}`).toBe(200);
  return parseCsv(await res.text());
}
/** A CSV number with the decimal comma of the `;` format; an empty cell is a gap. */
function num(cell: string | undefined): number | null {
  if (cell === undefined || cell === "") return null;
  expect(cell, "a number with a decimal comma, no decimal point").toMatch(/^-?\d+(,\d+)?$/);
  return Number(cell.replace(",", "."));
}
const percent = (share: number | null) => (share === null ? null : Math.round(share * 10_000) / 100);
const sumKnown = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
};
const lastKnown = (values: (number | null)[]) => [...values].reverse().find((v) => v !== null) ?? null;

/** Every disagreement of the run, so one failure lists them all. */
let mismatches: string[] = [];
/** How many comparisons had a value on both sides (so a run that compares only gaps cannot pass). */
let compared = 0;
function same(where: string, actual: unknown, expected: unknown) {
  if (actual != null && expected != null) compared++;
  const a = typeof actual === "number" ? Math.round(actual * 1e6) / 1e6 : actual;
  const e = typeof expected === "number" ? Math.round(expected * 1e6) / 1e6 : expected;
  if (a !== e && !(a == null && e == null))
    mismatches.push(`${where}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}
const queryOf = (p: Period) => `range=custom&from=${p.from}&to=${p.to}`;

async function checkRange(slug: string, rangeQuery: string) {
  const base = await json(growthGet, slug, "growth", `${rangeQuery}&bucket=month`);
  const range: Period = { from: base.range.from, to: base.range.to };
  const before = previousPeriod(range);
  const tag = `${slug} ${rangeQuery}`;

  // The agency over the range: the compare route and its CSV against each channel's own figures.
  const [reach, reachBefore, replies, repliesBefore, growthBefore] = await Promise.all([
    json(reachGet, slug, "reach", `${rangeQuery}&bucket=month`).then((r) => r.data),
    json(reachGet, slug, "reach", `${queryOf(before)}&bucket=month`).then((r) => r.data),
    json(repliesGet, slug, "replies", `${rangeQuery}&bucket=month`).then((r) => r.data),
    json(repliesGet, slug, "replies", `${queryOf(before)}&bucket=month`).then((r) => r.data),
    json(growthGet, slug, "growth", `${queryOf(before)}&bucket=month`).then((r) => r.data),
  ]);
  const growth = base.data;
  const compare = (await json(compareGet, slug, "compare", `${rangeQuery}&agency=${slug}`)).data;
  expect(compare).toHaveLength(1);
  const c = compare[0];
  const compareCsv = (await csv(slug, "compare", `${rangeQuery}&agency=${slug}`))[0]!;
  // Channels take part in a total when they reported the metric in the range or in the stretch before it.
  const audienceTaking = new Set([
    ...growth.summary.map((s: any) => s.accountId),
    ...growthBefore.summary.map((s: any) => s.accountId),
  ]);
  const summaryOf = new Map<string, any>(growth.summary.map((s: any) => [s.accountId, s]));
  const ends = [...audienceTaking].map((id) => summaryOf.get(id)?.end ?? null);
  const starts = [...audienceTaking].map((id) => summaryOf.get(id)?.start ?? null);
  same(`${tag} compare audience`, c.audience, acrossChannels(ends));
  same(`${tag} compare audienceAtStart`, c.audienceAtStart, acrossChannels(starts));
  const share = c.audience !== null && c.audienceAtStart ? (c.audience - c.audienceAtStart) / c.audienceAtStart : null;
  same(`${tag} compare growthShare`, c.growthShare, share);
  same(`${tag} compare channels`, c.channels, reach.channels.length);
  const flowTotal = (key: "impressions" | "posts") => {
    const beforeOf = new Map<string, any>(reachBefore.channels.map((x: any) => [x.accountId, x]));
    const taking = reach.channels.filter(
      (x: any) => x.total[key] !== null || beforeOf.get(x.accountId)?.total[key] != null,
    );
    return acrossChannels(taking.map((x: any) => x.total[key]));
  };
  same(`${tag} compare impressions`, c.impressions, flowTotal("impressions"));
  same(`${tag} compare posts`, c.posts, flowTotal("posts"));
  const repliesOf = new Map<string, number | null>(replies.channels.map((x: any) => [x.accountId, x.total]));
  const repliesTaking = new Set([
    ...replies.channels.map((x: any) => x.accountId),
    ...repliesBefore.channels.map((x: any) => x.accountId),
  ]);
  same(`${tag} compare replies`, c.replies, acrossChannels([...repliesTaking].map((id) => repliesOf.get(id) ?? null)));
  same(`${tag} compare CSV audience`, num(compareCsv.publikum), c.audience);
  same(`${tag} compare CSV audience at start`, num(compareCsv.publikum_ved_start), c.audienceAtStart);
  same(`${tag} compare CSV growth %`, num(compareCsv.vekst_prosent), percent(c.growthShare));
  same(`${tag} compare CSV impressions`, num(compareCsv.visninger), c.impressions);
  same(`${tag} compare CSV posts`, num(compareCsv.innlegg), c.posts);
  same(`${tag} compare CSV replies`, num(compareCsv.svar), c.replies);
  same(`${tag} compare CSV impressions per post`, num(compareCsv.visninger_per_innlegg), c.impressionsPerPost);

  // Campaigns of the range: the reach route and the campaigns CSV, coverage = reached / target population.
  const campaignsCsv = await csv(slug, "campaigns", rangeQuery);
  same(`${tag} campaigns count`, campaignsCsv.length, reach.campaigns.length);
  for (const k of reach.campaigns) {
    const line = campaignsCsv.find((l) => l.kampanje === k.name);
    same(`${tag} campaign ${k.name} reached`, num(line?.naadd), k.reached);
    same(`${tag} campaign ${k.name} target`, num(line?.maalgruppe), k.targetPopulation);
    same(`${tag} campaign ${k.name} coverage`, k.coverage, k.targetPopulation ? k.reached / k.targetPopulation : null);
    same(`${tag} campaign ${k.name} coverage CSV`, num(line?.dekning_prosent), percent(k.coverage));
  }

  // The definitions themselves, read straight from the daily rows (so a faster engine cannot drift from them unnoticed).
  for (const ch of reach.channels) {
    const within = (p: Period) => ({ accountId: ch.accountId, day: { gte: dayToDate(p.from), lte: dayToDate(p.to) } });
    const endOf = (p: Period) =>
      t.db.accountDailyMetric
        .findFirst({ where: { ...within(p), followers: { not: null } }, orderBy: { day: "desc" } })
        .then((r) => r?.followers ?? null);
    const [end, start, sums] = await Promise.all([
      endOf(range),
      endOf(before),
      t.db.accountDailyMetric.aggregate({
        where: within(range),
        _sum: { impressions: true, reach: true, engagements: true, repliesReceived: true, postsPublished: true },
      }),
    ]);
    const s = summaryOf.get(ch.accountId);
    const otag = `${tag} ${ch.handle} definition`;
    same(`${otag} audience at end`, s?.end ?? null, end);
    if (end !== null) same(`${otag} audience at start`, s?.start ?? null, start);
    if (end !== null) same(`${otag} change`, s?.change ?? null, start === null ? null : end - start);
    same(`${otag} impressions`, ch.total.impressions, sums._sum.impressions);
    same(`${otag} reach`, ch.total.reach, sums._sum.reach);
    same(`${otag} engagements`, ch.total.engagements, sums._sum.engagements);
    same(`${otag} posts`, ch.total.posts, sums._sum.postsPublished);
    same(`${otag} replies`, repliesOf.get(ch.accountId) ?? null, sums._sum.repliesReceived);
  }

  // The chosen range beside the stretch before it and the same dates a year earlier: each side is the
  // compare route's figure for its own days, and the campaigns sent in each are the reach route's.
  for (const mode of ["previous", "year"] as const) {
    const ctag = `${tag} compare=${mode}`;
    const view = (await json(comparisonGet, slug, "comparison", `${rangeQuery}&compare=${mode}`)).data;
    const viewCsv = await csv(slug, "comparison", `${rangeQuery}&compare=${mode}`);
    const sides = { current: view.comparison.current as Period, other: view.comparison.other as Period };
    for (const side of ["current", "other"] as const) {
      const p = sides[side];
      const [agencyRow, sideGrowth, sideReach, sideReplies] = await Promise.all([
        json(compareGet, slug, "compare", `${queryOf(p)}&agency=${slug}`).then((x) => x.data[0]),
        json(growthGet, slug, "growth", `${queryOf(p)}&bucket=month`).then((x) => x.data),
        json(reachGet, slug, "reach", `${queryOf(p)}&bucket=month`).then((x) => x.data),
        json(repliesGet, slug, "replies", `${queryOf(p)}&bucket=month`).then((x) => x.data),
      ]);
      const total = view.total.values;
      const stag = `${ctag} ${side} ${p.from}..${p.to}`;
      same(`${stag} audience = compare`, total.audience[side], agencyRow.audience);
      const change =
        agencyRow.audience !== null && agencyRow.audienceAtStart !== null
          ? agencyRow.audience - agencyRow.audienceAtStart
          : null;
      same(`${stag} audience change = compare`, total.audienceChange[side], change);
      same(`${stag} impressions = compare`, total.impressions[side], agencyRow.impressions);
      same(`${stag} posts = compare`, total.posts[side], agencyRow.posts);
      same(`${stag} replies = compare`, total.replies[side], agencyRow.replies);
      for (const g of view.groups) {
        const s = sideGrowth.summary.find((x: any) => x.accountId === g.key);
        same(`${stag} ${g.label} audience = growth`, g.values.audience[side], s?.end ?? null);
        same(`${stag} ${g.label} change = growth`, g.values.audienceChange[side], s?.change ?? null);
        const r = sideReach.channels.find((x: any) => x.accountId === g.key);
        for (const k of ["impressions", "reach", "engagements", "posts"] as const)
          same(`${stag} ${g.label} ${k} = reach`, g.values[k][side], r?.total[k] ?? null);
        const rp = sideReplies.channels.find((x: any) => x.accountId === g.key);
        same(`${stag} ${g.label} replies = replies`, g.values.replies[side], rp?.total ?? null);
      }
      const column = side === "current" ? "verdi" : "verdi_sammenlignet";
      const campaign = (k: string) => num(viewCsv.find((l) => l.gruppe === "kampanjer" && l.maal === k)?.[column]);
      const known = sideReach.campaigns.filter((k: any) => k.reached !== null && k.targetPopulation);
      same(`${stag} campaigns sent`, campaign("campaign_sent"), sideReach.campaigns.length);
      same(
        `${stag} campaigns reached`,
        campaign("campaign_reached"),
        sumKnown(sideReach.campaigns.map((k: any) => k.reached)),
      );
      same(
        `${stag} campaigns coverage`,
        campaign("campaign_coverage"),
        known.length
          ? percent(sumKnown(known.map((k: any) => k.reached))! / sumKnown(known.map((k: any) => k.targetPopulation))!)
          : null,
      );
    }
    for (const [label, row] of [["alle", view.total], ...view.groups.map((g: any) => [g.label, g])] as [string, any][])
      for (const [k, v] of Object.entries(row.values) as [string, any][]) {
        const line = viewCsv.find((l) => l.gruppe === label && l.maal === k);
        same(`${ctag} CSV ${label} ${k}`, num(line?.verdi), v.current);
        same(`${ctag} CSV ${label} ${k} other`, num(line?.verdi_sammenlignet), v.other);
        same(`${ctag} CSV ${label} ${k} change`, num(line?.endring), v.change);
        same(`${ctag} CSV ${label} ${k} change %`, num(line?.endring_prosent), percent(v.changeShare));
      }
  }

  for (const bucket of BUCKETS) {
    const q = `${rangeQuery}&bucket=${bucket}`;
    const btag = `${tag} ${bucket}`;
    const [g, r, rp] = await Promise.all([
      json(growthGet, slug, "growth", q).then((x) => x.data),
      json(reachGet, slug, "reach", q).then((x) => x.data),
      json(repliesGet, slug, "replies", q).then((x) => x.data),
    ]);
    const [gCsv, rCsv, rpCsv] = await Promise.all([
      csv(slug, "growth", q),
      csv(slug, "reach", q),
      csv(slug, "replies", q),
    ]);

    // Growth: each bucket in JSON and CSV; the range's figures whatever the bucket; the range's end is the last bucket's.
    same(`${btag} growth summary whatever the bucket`, JSON.stringify(g.summary), JSON.stringify(growth.summary));
    same(`${btag} growth CSV lines`, gCsv.length, g.accounts.length * g.buckets.length);
    for (const a of g.accounts) {
      const lines = gCsv.filter((l) => l.kanal === a.label && l.plattform === a.platform);
      g.buckets.forEach((b: Day, i: number) => {
        same(`${btag} growth ${a.label} ${b} bucket`, lines[i]?.periode_start, b);
        same(`${btag} growth ${a.label} ${b} audience CSV`, num(lines[i]?.publikum), a.absolute[i]);
        same(`${btag} growth ${a.label} ${b} net CSV`, num(lines[i]?.netto_vekst), a.net[i]);
      });
      const s = g.summary.find((x: any) => x.accountId === a.key);
      same(`${btag} growth ${a.label} end = last bucket's audience`, s?.end, lastKnown(a.absolute));
    }
    for (const p of g.platformSummary) {
      const members = g.summary.filter((x: any) => x.platform === p.platform);
      same(`${btag} platform ${p.platform} end`, p.end, acrossChannels(members.map((m: any) => m.end)));
      if (members.length === 1) same(`${btag} platform ${p.platform} change`, p.change, members[0].change);
      const line = g.platforms.find((x: any) => x.key === p.platform);
      same(`${btag} platform ${p.platform} line end`, p.end, line ? lastKnown(line.absolute) : null);
    }

    // Reach: each bucket in JSON and CSV; the range's sums are the buckets' sums.
    same(`${btag} reach CSV lines`, rCsv.length, r.channels.length * r.buckets.length);
    for (const ch of r.channels) {
      const lines = rCsv.filter((l) => l.kanal === ch.handle && l.plattform === ch.platform);
      r.buckets.forEach((b: Day, i: number) => {
        const v = ch.values[i];
        same(`${btag} reach ${ch.handle} ${b} impressions CSV`, num(lines[i]?.visninger), v.impressions);
        same(`${btag} reach ${ch.handle} ${b} reach CSV`, num(lines[i]?.rekkevidde), v.reach);
        same(`${btag} reach ${ch.handle} ${b} engagements CSV`, num(lines[i]?.engasjement), v.engagements);
        same(
          `${btag} reach ${ch.handle} ${b} engagement rate CSV`,
          num(lines[i]?.engasjementsrate_prosent),
          percent(v.engagementRate),
        );
      });
      for (const k of ["impressions", "reach", "engagements"] as const)
        same(`${btag} reach ${ch.handle} total ${k}`, ch.total[k], sumKnown(ch.values.map((v: any) => v[k])));
      const whole = reach.channels.find((x: any) => x.accountId === ch.accountId);
      same(
        `${btag} reach ${ch.handle} total whatever the bucket`,
        JSON.stringify(ch.total),
        JSON.stringify(whole?.total),
      );
    }

    // Replies: each bucket in JSON and CSV; the total is the buckets' sum.
    same(`${btag} replies CSV lines`, rpCsv.length, rp.channels.length * rp.buckets.length);
    for (const ch of rp.channels) {
      const lines = rpCsv.filter((l) => l.kanal === ch.handle && l.plattform === ch.platform);
      rp.buckets.forEach((b: Day, i: number) =>
        same(`${btag} replies ${ch.handle} ${b} CSV`, num(lines[i]?.svar), ch.values[i]),
      );
      same(`${btag} replies ${ch.handle} total`, ch.total, sumKnown(ch.values));
      same(`${btag} replies ${ch.handle} total whatever the bucket`, ch.total, repliesOf.get(ch.accountId) ?? null);
    }
  }
}

async function checkOverviewAndReport(slug: string) {
  const agency = await t.db.agency.findUniqueOrThrow({ where: { slug } });
  const o = (await json(overviewGet, slug, "overview", "")).data;
  const tag = `${slug} overview`;
  const thisWeek: Period = { from: o.thisWeek, to: o.today };
  const week = previousWeek(NOW, agency.timeZone);
  const lastWeek: Period = { from: week.start, to: week.end };
  same(`${tag} last week`, o.lastWeek, week.start);

  const [oCsv, soFar, soFarReach, soFarReplies, weekly, weeklyReach, weeklyReplies, fourWeeks, weekCompare] =
    await Promise.all([
      csv(slug, "overview", ""),
      json(growthGet, slug, "growth", `${queryOf(thisWeek)}&bucket=week`).then((x) => x.data),
      json(reachGet, slug, "reach", `${queryOf(thisWeek)}&bucket=week`).then((x) => x.data),
      json(repliesGet, slug, "replies", `${queryOf(thisWeek)}&bucket=week`).then((x) => x.data),
      json(growthGet, slug, "growth", `${queryOf(lastWeek)}&bucket=week`).then((x) => x.data),
      json(reachGet, slug, "reach", `${queryOf(lastWeek)}&bucket=week`).then((x) => x.data),
      json(repliesGet, slug, "replies", `${queryOf(lastWeek)}&bucket=week`).then((x) => x.data),
      json(growthGet, slug, "growth", `${queryOf({ from: addDays(week.start, -21), to: week.end })}&bucket=week`).then(
        (x) => x.data,
      ),
      json(compareGet, slug, "compare", `${queryOf(lastWeek)}&agency=${slug}`).then((x) => x.data[0]),
    ]);
  same(`${tag} CSV lines`, oCsv.length, o.channels.length);
  for (const ch of o.channels) {
    const ctag = `${tag} ${ch.handle}`;
    const line = oCsv.find((l) => l.kanal === ch.handle && l.plattform === ch.platform);
    same(`${ctag} CSV audience`, num(line?.publikum), ch.audience);
    same(`${ctag} CSV audience day`, line?.publikum_dato || null, ch.audienceDay);
    same(`${ctag} CSV change this week`, num(line?.endring_denne_uke_saa_langt), ch.changeThisWeek);
    same(`${ctag} CSV change same days`, num(line?.endring_samme_dager_forrige_uke), ch.changeSameDaysLastWeek);
    same(`${ctag} CSV change last week`, num(line?.endring_forrige_uke), ch.changeLastWeek);
    same(`${ctag} CSV impressions this week`, num(line?.visninger_denne_uke_saa_langt), ch.impressionsThisWeek);
    same(`${ctag} CSV reach this week`, num(line?.rekkevidde_denne_uke_saa_langt), ch.reachThisWeek);
    same(`${ctag} CSV replies this week`, num(line?.svar_denne_uke_saa_langt), ch.repliesThisWeek);
    same(`${ctag} CSV missing days`, num(line?.manglende_dager_14), ch.missingDays);
    // The same days on the growth, reach and replies views.
    const g = soFar.summary.find((x: any) => x.accountId === ch.accountId);
    same(`${ctag} change this week = growth`, ch.changeThisWeek, g?.change ?? null);
    const w = weekly.accounts.find((x: any) => x.key === ch.accountId);
    same(`${ctag} change last week = growth by week`, ch.changeLastWeek, w?.net[0] ?? null);
    const ws = weekly.summary.find((x: any) => x.accountId === ch.accountId);
    same(`${ctag} change last week = growth summary`, ch.changeLastWeek, ws?.change ?? null);
    const re = soFarReach.channels.find((x: any) => x.accountId === ch.accountId);
    same(`${ctag} impressions this week = reach`, ch.impressionsThisWeek, re?.total.impressions ?? null);
    same(`${ctag} reach this week = reach`, ch.reachThisWeek, re?.total.reach ?? null);
    const rp = soFarReplies.channels.find((x: any) => x.accountId === ch.accountId);
    same(`${ctag} replies this week = replies`, ch.repliesThisWeek, rp?.total ?? null);
    // The audience "now": the latest known value, which the growth view of the same days ends at when collected.
    if (g?.endDay === ch.audienceDay) same(`${ctag} audience = growth end`, ch.audience, g?.end ?? null);
  }
  same(
    `${tag} total audience`,
    o.totalAudience,
    acrossChannels(o.channels.filter((x: any) => x.audience !== null).map((x: any) => x.audience)),
  );
  same(
    `${tag} total change last week = compare`,
    o.totalChangeLastWeek,
    weekCompare.audience - weekCompare.audienceAtStart,
  );
  same(`${tag} impressions last week = compare`, o.impressionsLastWeek, weekCompare.impressions);
  same(`${tag} replies last week = compare`, o.repliesLastWeek, weekCompare.replies);

  // The weekly e-mail of the last complete week: the same figures as the dashboard's views of that week.
  const report = await getWeeklyReportData(
    t.db,
    { id: agency.id, slug, name: agency.name, timeZone: agency.timeZone, locale: agency.locale as "nb" },
    week,
  );
  const rtag = `${slug} e-mail week ${week.week}`;
  // Bokmål column names, as the CSVs above (the figures do not depend on the language: weekly-report-languages.test.ts).
  const rendered = await renderReport(report, { locale: "nb" });
  const reportCsv = parseCsv(rendered.csv);
  same(`${rtag} channels`, report.channels.length, weekly.accounts.length);
  for (const ch of report.channels) {
    const ctag = `${rtag} ${ch.handle}`;
    const w = weekly.accounts.find((x: any) => x.key === ch.accountId);
    same(`${ctag} audience = growth`, ch.audience, w?.absolute[0] ?? null);
    same(`${ctag} change = growth`, ch.changeWeek, w?.net[0] ?? null);
    same(
      `${ctag} change = overview`,
      ch.changeWeek,
      o.channels.find((x: any) => x.accountId === ch.accountId)?.changeLastWeek,
    );
    const four = fourWeeks.summary.find((x: any) => x.accountId === ch.accountId);
    same(`${ctag} four weeks = growth`, ch.changeFourWeeks, four?.change ?? null);
    const rp = weeklyReplies.channels.find((x: any) => x.accountId === ch.accountId);
    same(`${ctag} replies = replies view`, ch.replies, rp?.total ?? null);
    const line = reportCsv.find((l) => l.kanal === ch.handle && l.plattform === ch.platform);
    same(`${ctag} CSV audience`, num(line?.publikum), ch.audience);
    same(`${ctag} CSV change`, num(line?.endring_uke), ch.changeWeek);
    same(`${ctag} CSV four weeks`, num(line?.endring_4_uker), ch.changeFourWeeks);
    same(`${ctag} CSV replies`, num(line?.svar_mottatt), ch.replies);
  }
  same(`${rtag} total audience = compare`, report.totalAudience, weekCompare.audience);
  same(`${rtag} replies = compare`, report.replies.total, weekCompare.replies);
  same(`${rtag} replies = overview`, report.replies.total, o.repliesLastWeek);
  const cmp = report.compared.previous.total.values;
  same(`${rtag} compared audience = compare`, cmp.audience.current, weekCompare.audience);
  same(`${rtag} compared impressions = compare`, cmp.impressions.current, weekCompare.impressions);
  same(`${rtag} compared audience change = overview`, cmp.audienceChange.current, o.totalChangeLastWeek);
  // The week before and the same ISO week a year earlier, the 12-week chart and the most read posts: the dashboard's views of those days.
  const [prevWeekRow, yearWeekRow, trend, posts] = await Promise.all([
    json(compareGet, slug, "compare", `${queryOf(report.compared.previous.comparison.other)}&agency=${slug}`),
    json(compareGet, slug, "compare", `${queryOf(report.compared.year.comparison.other)}&agency=${slug}`),
    json(growthGet, slug, "growth", `${queryOf({ from: addDays(week.start, -77), to: week.end })}&bucket=week`),
    json(postsGet, slug, "posts", `${queryOf(lastWeek)}&sort=impressions&limit=5`),
  ]);
  for (const [name, cmpd, row] of [
    ["previous", report.compared.previous, prevWeekRow.data[0]],
    ["year", report.compared.year, yearWeekRow.data[0]],
  ] as const) {
    for (const k of ["audience", "impressions", "replies", "posts"] as const)
      same(`${rtag} compared ${name} ${k} = compare`, cmpd.total.values[k].other, row[k]);
    for (const g of cmpd.groups)
      same(
        `${rtag} compared ${name} ${g.key} current`,
        g.values.audience.current,
        report.channels.find((c) => c.accountId === g.key)?.audience ?? null,
      );
  }
  same(`${rtag} trend weeks = growth`, JSON.stringify(report.trend.weeks), JSON.stringify(trend.data.buckets));
  for (const line of report.trend.series) {
    const a = trend.data.accounts.find((x: any) => x.label === line.label);
    same(`${rtag} trend ${line.label} = growth`, JSON.stringify(line.values), JSON.stringify(a?.absolute));
  }
  same(
    `${rtag} top posts = posts view`,
    JSON.stringify(report.topPosts.map((p) => [p.id, p.impressions])),
    JSON.stringify(posts.data.map((p: any) => [p.id, p.impressions])),
  );
  // The home page's "followers across channels": the overview's figure and channel count.
  const [home] = await getAgencyChannels(t.db, [agency.id], NOW);
  same(`${slug} home total audience = overview`, home!.totalAudience, o.totalAudience);
  same(`${slug} home channels counted = overview`, home!.channelsCounted, o.channelsCounted);
  same(
    `${rtag} campaigns = reach view`,
    JSON.stringify(report.campaigns.map((k) => [k.name, k.reached, k.targetPopulation, k.coverage])),
    JSON.stringify(weeklyReach.campaigns.map((k: any) => [k.name, k.reached, k.targetPopulation, k.coverage])),
  );
}

describe("the demo data reads the same on every view", () => {
  for (const agency of DEMO_AGENCIES) {
    it(`${agency.slug}: growth, reach, replies and compare JSON and their CSVs agree for every range and bucket`, async () => {
      mismatches = [];
      compared = 0;
      for (const range of RANGES) await checkRange(agency.slug, range);
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(1000);
    }, 240_000);

    it(`${agency.slug}: the overview, its CSV and the weekly e-mail agree with the views of the same weeks`, async () => {
      mismatches = [];
      compared = 0;
      await checkOverviewAndReport(agency.slug);
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(20);
    }, 120_000);
  }

  it("covers each demo agency with channels and data up to yesterday", async () => {
    expect(DEMO_AGENCIES.length).toBeGreaterThanOrEqual(6);
    const today = localDay(NOW, "Europe/Oslo");
    expect(
      await t.db.accountDailyMetric.count({ where: { day: new Date(`${addDays(today, -1)}T00:00:00Z`) } }),
    ).toBeGreaterThan(0);
  });
});
