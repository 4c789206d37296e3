import { beforeAll, describe, expect, it } from "vitest";
import { upsertDailyMetrics, type DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import { upsertPosts } from "@/lib/ingest/posts";
import { getAgencyComparison } from "@/lib/queries/getAgencyComparison";
import { getAgencyOverview } from "@/lib/queries/getAgencyOverview";
import { getCampaignReach } from "@/lib/queries/getCampaignReach";
import { getChannelGrowth } from "@/lib/queries/getChannelGrowth";
import { getReachSeries } from "@/lib/queries/getReachSeries";
import { getReplySeries } from "@/lib/queries/getReplySeries";
import { getTopPosts } from "@/lib/queries/getTopPosts";
import { addDays, daysBetween, localTimeToInstant, type Day } from "@/lib/time";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const TZ = "Europe/Oslo";
const START: Day = "2026-03-20";
const END: Day = "2027-01-10";
// Collection failed over new year: no rows, which must stay gaps (null), never zeros.
const GAP: [Day, Day] = ["2026-12-30", "2027-01-01"];
const inGap = (d: Day) => d >= GAP[0] && d <= GAP[1];
const followers = (d: Day) => 1000 + 2 * daysBetween(START, d);
const IMPRESSIONS = 100;
const ENGAGEMENTS = 5;

let agencyId: string;
let twitter: string;
let email: string;
let broken: string;
let peerId: string;

beforeAll(async () => {
  const agency = await t.db.agency.create({ data: { slug: "etat", name: "Etaten", timeZone: TZ } });
  agencyId = agency.id;
  const mk = (platform: "twitter" | "email", handle: string, status: "active" | "needs_reconnect" = "active") =>
    t.db.account.create({ data: { agencyId, platform, handle, displayName: handle, status } });
  twitter = (await mk("twitter", "etaten")).id;
  email = (await mk("email", "nyhetsbrev")).id;
  broken = (await mk("twitter", "gammel", "needs_reconnect")).id;
  const rows: DailyMetricInput[] = [];
  for (let d = START; d <= END; d = addDays(d, 1)) {
    if (inGap(d)) continue;
    rows.push({
      agencyId,
      accountId: twitter,
      day: d,
      followers: followers(d),
      impressions: IMPRESSIONS,
      engagements: ENGAGEMENTS,
      repliesReceived: d === "2026-10-25" ? 40 : 1,
      postsPublished: 1,
    });
    rows.push({ agencyId, accountId: email, day: d, followers: 500 });
  }
  await upsertDailyMetrics(t.db, rows);

  // Posts at the edges of the two DST days of 2026 in Oslo (29 March: 23 hours; 25 October: 25 hours).
  const at = (day: Day, h: number, m: number) => localTimeToInstant(day, h, m, TZ);
  const posts = [
    ["before-spring", at("2026-03-28", 23, 30), 10],
    ["spring-early", at("2026-03-29", 0, 30), 20],
    ["spring-late", at("2026-03-29", 23, 30), 30],
    ["after-spring", at("2026-03-30", 0, 10), 40],
    ["autumn-early", at("2026-10-25", 0, 30), 50],
    ["autumn-late", at("2026-10-25", 23, 59), 5],
    ["after-autumn", at("2026-10-26", 0, 0), 60],
  ] as const;
  await upsertPosts(
    t.db,
    posts.map(([id, publishedAt, impressions]) => ({
      agencyId,
      accountId: twitter,
      platformPostId: id,
      publishedAt,
      text: id,
      permalink: `https://x.com/etaten/status/${id}`,
      impressions,
      replies: impressions / 5,
    })),
  );

  // The e-mail: 10 000 of 50 000 businesses, sent at 00:30 local time on the autumn DST day.
  await t.db.campaign.create({
    data: {
      agencyId,
      accountId: email,
      name: "Sikkerhetsinformasjon",
      sentAt: at("2026-10-25", 0, 30),
      sent: 10_000,
      reached: 10_000,
      targetPopulation: 50_000,
    },
  });

  const peer = await t.db.agency.create({ data: { slug: "naboetat", name: "Naboetaten", timeZone: TZ } });
  peerId = peer.id;
  const peerAccount = await t.db.account.create({
    data: { agencyId: peerId, platform: "twitter", handle: "nabo", displayName: "Nabo" },
  });
  await upsertDailyMetrics(t.db, [
    {
      agencyId: peerId,
      accountId: peerAccount.id,
      day: "2026-11-30",
      followers: 2000,
      impressions: 900,
      postsPublished: 3,
    },
    {
      agencyId: peerId,
      accountId: peerAccount.id,
      day: "2026-12-31",
      followers: 2100,
      impressions: 300,
      postsPublished: 1,
    },
  ]);
});

describe("channel growth", () => {
  it("buckets ISO weeks across the year boundary (uke 53 of 2026) with net growth and gaps", async () => {
    const g = await getChannelGrowth(t.db, {
      agencyId,
      from: "2026-12-21",
      to: "2027-01-10",
      bucket: "week",
      accountIds: [twitter],
    });
    expect(g.buckets).toEqual(["2026-12-21", "2026-12-28", "2027-01-04"]);
    const s = g.accounts[0]!;
    expect(s.absolute).toEqual([followers("2026-12-27"), followers("2027-01-03"), followers("2027-01-10")]);
    // Net growth of the first week counts from the day before the range.
    expect(s.net).toEqual([
      followers("2026-12-27") - followers("2026-12-20"),
      followers("2027-01-03") - followers("2026-12-27"),
      14,
    ]);
  });

  it("keeps uncollected days as gaps in both absolute and net views", async () => {
    const g = await getChannelGrowth(t.db, {
      agencyId,
      from: "2026-12-29",
      to: "2027-01-02",
      bucket: "day",
      accountIds: [twitter],
    });
    expect(g.accounts[0]!.absolute).toEqual([followers("2026-12-29"), null, null, null, followers("2027-01-02")]);
    expect(g.accounts[0]!.net).toEqual([2, null, null, null, null]);
  });

  it("ranks channels by growth over the range, measured from the day before it", async () => {
    const g = await getChannelGrowth(t.db, { agencyId, from: "2026-07-01", to: "2026-09-30", bucket: "month" });
    expect(g.summary.map((s) => s.handle)).toEqual(["etaten", "nyhetsbrev"]);
    const top = g.summary[0]!;
    expect(top.start).toBe(followers("2026-06-30"));
    expect(top.end).toBe(followers("2026-09-30"));
    expect(top.change).toBe(2 * 92);
    expect(top.changeShare).toBeCloseTo((2 * 92) / followers("2026-06-30"), 10);
    expect(g.summary[1]!.change).toBe(0);
    // Per platform: the e-mail list is its own platform; the channel that never collected is left out.
    expect(g.platforms.map((p) => p.platform).sort()).toEqual(["email", "twitter"]);
  });
});

describe("reach and replies", () => {
  it("sums a week across the spring DST switch and leaves an uncollected week as a gap", async () => {
    const r = await getReachSeries(t.db, {
      agencyId,
      from: "2026-03-23",
      to: "2026-04-05",
      bucket: "week",
      accountIds: [twitter],
    });
    expect(r.buckets).toEqual(["2026-03-23", "2026-03-30"]);
    expect(r.channels[0]!.values[0]).toEqual({
      impressions: 7 * IMPRESSIONS,
      reach: null,
      engagements: 7 * ENGAGEMENTS,
      engagementRate: ENGAGEMENTS / IMPRESSIONS,
    });
    const gap = await getReachSeries(t.db, {
      agencyId,
      from: "2026-12-30",
      to: "2027-01-01",
      bucket: "day",
      accountIds: [twitter],
    });
    expect(gap.channels[0]!.values.map((v) => v.impressions)).toEqual([null, null, null]);
    expect(gap.channels[0]!.total.impressions).toBeNull();
  });

  it("finds the busiest bucket of replies and the replies per post", async () => {
    const r = await getReplySeries(t.db, { agencyId, from: "2026-10-19", to: "2026-11-01", bucket: "week" });
    expect(r.channels.map((c) => c.handle)).toEqual(["etaten"]);
    expect(r.channels[0]!.values).toEqual([6 + 40, 7]);
    expect(r.channels[0]!.busiest).toEqual({ bucket: "2026-10-19", replies: 46 });
    expect(r.channels[0]!.repliesPerPost).toBeCloseTo(53 / 14, 10);
  });

  it("reports a campaign as reached versus target population, on its local day", async () => {
    const c = await getCampaignReach(t.db, { agencyId, timeZone: TZ, from: "2026-10-25", to: "2026-10-25" });
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({
      sentDay: "2026-10-25",
      reached: 10_000,
      targetPopulation: 50_000,
      coverage: 0.2,
      platform: "email",
    });
    expect(await getCampaignReach(t.db, { agencyId, timeZone: TZ, from: "2026-10-24", to: "2026-10-24" })).toEqual([]);
  });
});

describe("top posts", () => {
  it("takes posts of the agency's local day across the spring DST switch (a 23-hour day)", async () => {
    const p = await getTopPosts(t.db, {
      agencyId,
      timeZone: TZ,
      from: "2026-03-29",
      to: "2026-03-29",
      sort: "impressions",
      limit: 10,
    });
    expect(p.map((x) => x.text)).toEqual(["spring-late", "spring-early"]);
  });

  it("takes posts of the agency's local day across the autumn DST switch (a 25-hour day), sorted by replies", async () => {
    const p = await getTopPosts(t.db, {
      agencyId,
      timeZone: TZ,
      from: "2026-10-25",
      to: "2026-10-25",
      sort: "replies",
      limit: 10,
    });
    expect(p.map((x) => x.text)).toEqual(["autumn-early", "autumn-late"]);
    expect(p[0]!.permalink).toBe("https://x.com/etaten/status/autumn-early");
  });
});

describe("overview", () => {
  it("compares this ISO week so far (uke 53) with the same days of last week, and names last week as a complete week", async () => {
    const o = await getAgencyOverview(t.db, { agencyId, today: "2027-01-02" });
    expect(o.thisWeek).toBe("2026-12-28");
    expect(o.lastWeek).toBe("2026-12-21");
    expect(o.daysSoFar).toBe(6);
    const tw = o.channels.find((c) => c.accountId === twitter)!;
    expect(tw.audience).toBe(followers("2027-01-02"));
    expect(tw.changeThisWeek).toBe(followers("2027-01-02") - followers("2026-12-27"));
    expect(tw.changeLastWeek).toBe(14);
    expect(tw.changeSameDaysLastWeek).toBe(12);
    // This week so far: 28, 29 December and 2 January were collected (30.12–1.1 were not).
    // Impressions are impressions: never reach standing in for them, or the reverse.
    expect(tw.impressionsThisWeek).toBe(3 * IMPRESSIONS);
    expect(tw.reachThisWeek).toBeNull();
    expect(tw.repliesThisWeek).toBe(3);
    // Like with like: Monday–Saturday of last week beside Monday–Saturday of this week; the whole week apart.
    expect(o.impressionsSameDaysLastWeek).toBe(6 * IMPRESSIONS);
    expect(o.impressionsLastWeek).toBe(7 * IMPRESSIONS);
    expect(o.channelsCounted).toBe(2);
    expect(o.totalAudience).toBe(followers("2027-01-02") + 500);
    expect(tw.sparkline).toHaveLength(12);
    expect(o.attention).toEqual(
      expect.arrayContaining([
        { accountId: broken, handle: "gammel", platform: "twitter", reason: "needs_reconnect", missingDays: 14 },
        { accountId: twitter, handle: "etaten", platform: "twitter", reason: "collection_gap", missingDays: 3 },
        { accountId: email, handle: "nyhetsbrev", platform: "email", reason: "collection_gap", missingDays: 3 },
      ]),
    );
    expect(o.attention).toHaveLength(3);
  });
});

describe("comparison", () => {
  it("puts agencies side by side with growth and impressions per post over the same range", async () => {
    const rows = await getAgencyComparison(t.db, {
      agencyIds: [agencyId, peerId],
      from: "2026-12-01",
      to: "2026-12-31",
    });
    expect(rows.map((r) => r.name)).toEqual(["Etaten", "Naboetaten"]);
    const peer = rows[1]!;
    expect(peer.audience).toBe(2100);
    expect(peer.growthShare).toBeCloseTo(0.05, 10);
    expect(peer.impressionsPerPost).toBe(300);
    const own = rows[0]!;
    expect(own.audience).toBe(followers("2026-12-29") + 500);
    expect(own.growthShare).toBeCloseTo(
      (followers("2026-12-29") - followers("2026-11-30")) / (followers("2026-11-30") + 500),
      10,
    );
  });

  it("returns nothing for an empty list of agencies", async () => {
    expect(await getAgencyComparison(t.db, { agencyIds: [], from: "2026-12-01", to: "2026-12-31" })).toEqual([]);
  });
});
