import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoData, type DemoSummary } from "@/lib/demo/load";
import { getAgencyChannels } from "@/lib/queries/getAgencyChannels";
import { getInputOutcome } from "@/lib/queries/getInputOutcome";
import { getOutcomeByWorkItem } from "@/lib/queries/getOutcomeByWorkItem";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const KEY = "5a".repeat(32);
let first: DemoSummary;

const followersOn = async (handle: string, day: string) => {
  const row = await t.db.accountDailyMetric.findFirst({
    where: { account: { handle }, day: new Date(`${day}T00:00:00Z`) },
  });
  return row?.followers ?? null;
};

beforeAll(async () => {
  first = await loadDemoData(t.db, { pseudonymisationKey: KEY, today: "2026-11-23" });
}, 120_000);

describe("demo data", () => {
  it("follows the documented figures of the origin documents", async () => {
    expect(await followersOn("oslopolitiops", "2017-06-30")).toBe(312_400);
    expect(await followersOn("helseomsorgdep", "2010-03-01")).toBe(791);
    expect(await followersOn("helseogomsorgsdepartementet", "2010-03-01")).toBe(104);
    expect(await followersOn("112-appen", "2019-06-03")).toBe(1_200_000);
    const campaign = await t.db.campaign.findFirstOrThrow({
      where: { name: "Forebyggende sikkerhetsinformasjon til næringslivet" },
    });
    expect([campaign.reached, campaign.targetPopulation]).toEqual([10_000, 50_000]);
  });

  it("runs up to yesterday, keeps growing after 2017, and stores collection gaps as missing days", async () => {
    expect(await followersOn("oslopolitiops", "2026-11-22")).toBeGreaterThan(312_400);
    expect(await t.db.accountDailyMetric.count({ where: { day: new Date("2026-11-23T00:00:00Z") } })).toBe(0);
    expect(await followersOn("politietoslo", "2025-03-12")).toBeNull();
    expect(await followersOn("politietoslo", "2025-03-15")).not.toBeNull();
  });

  it("has no audience figure for Flickr and no impressions for Facebook after the metric was retired, rather than zeros", async () => {
    const flickr = await t.db.accountDailyMetric.count({
      where: { account: { platform: "flickr" }, followers: { not: null } },
    });
    expect(flickr).toBe(0);
    const fbAfter = await t.db.accountDailyMetric.findFirstOrThrow({
      where: { account: { platform: "facebook" }, day: new Date("2026-01-05T00:00:00Z") },
    });
    expect(fbAfter.impressions).toBeNull();
    expect(fbAfter.reach).toBeGreaterThan(0);
  });

  it("gives Oslo's posts of the last 30 days their own impression counts, which add up to each day's figure, so the most read can be ranked", async () => {
    const rows = await t.db.$queryRaw<
      { day: string; posts: number; distinct_counts: number; sum: number; daily: number | null }[]
    >`
      SELECT (p.published_at AT TIME ZONE ag.time_zone)::date::text AS day, count(*)::int AS posts, count(DISTINCT p.impressions)::int AS distinct_counts,
             sum(p.impressions)::float8 AS sum, max(m.impressions)::float8 AS daily
      FROM post p JOIN account a ON a.id = p.account_id JOIN agency ag ON ag.id = p.agency_id
      LEFT JOIN account_daily_metric m ON m.account_id = p.account_id AND m.day = (p.published_at AT TIME ZONE ag.time_zone)::date
      WHERE a.handle = 'oslopolitiops' AND (p.published_at AT TIME ZONE ag.time_zone)::date >= '2026-10-24'
      GROUP BY 1`;
    expect(rows.length).toBeGreaterThan(20);
    const busy = rows.filter((r) => r.posts > 1);
    expect(busy.length).toBeGreaterThan(10);
    for (const r of busy) expect(r.distinct_counts).toBe(r.posts);
    for (const r of rows.filter((r) => r.daily !== null)) expect(r.sum).toBe(r.daily);
    const top = await t.db.post.findMany({
      where: { account: { handle: "oslopolitiops" }, publishedAt: { gte: new Date("2026-11-16") } },
      orderBy: { impressions: "desc" },
      take: 5,
    });
    expect(new Set(top.map((p) => p.impressions)).size).toBe(5);
  });

  it("has Norwegian posts and pseudonymised replies around the Coordination Reform", async () => {
    const replies = await t.db.reply.findMany({
      where: { account: { handle: "helseomsorgdep" }, text: { contains: "samhandlingsreformen" } },
      take: 5,
    });
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expect(r.authorHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("shows the ministry's Twitter replies on the Coordination Reform marked as inputs, linked to the reform and reaching it", async () => {
    const hod = await t.db.agency.findUniqueOrThrow({ where: { slug: "helse-og-omsorgsdepartementet" } });
    const reform = await t.db.workItem.findUniqueOrThrow({
      where: { agencyId_title: { agencyId: hod.id, title: "Samhandlingsreformen" } },
    });
    expect(reform.caseNumber).toMatch(/^\d{2}\/\d{3,}$/);
    const outcome = await getInputOutcome(t.db, {
      agencyId: hod.id,
      timeZone: hod.timeZone,
      from: "2010-03-01",
      to: "2011-12-31",
    });
    expect(outcome.total.inputs).toBeGreaterThan(outcome.total.linked);
    expect(outcome.total.linked).toBeGreaterThan(outcome.total.reached);
    expect(outcome.total.reached).toBeGreaterThan(0);
    expect(outcome.total.declined).toBeGreaterThan(0);
    expect(outcome.total.medianDaysToDecision).toBeGreaterThan(0);
    const twitter = outcome.channels.find((c) => c.handle === "helseomsorgdep")!;
    expect(twitter.inputs).toBe(outcome.total.inputs);
    const byItem = await getOutcomeByWorkItem(t.db, {
      agencyId: hod.id,
      timeZone: hod.timeZone,
      from: "2010-03-01",
      to: "2011-12-31",
    });
    const reached = byItem.find((i) => i.title === "Samhandlingsreformen")!.inputs.filter((i) => i.reached);
    expect(reached.length).toBe(outcome.total.reached);
    // Reply links never carry the citizen's handle.
    for (const i of reached) expect(i.permalink).toMatch(/^https:\/\/x\.com\/i\/web\/status\/\d+$/);
    // Every link's trail runs step by step from "received" to where it is now.
    const links = await t.db.inputLink.findMany({
      where: { agencyId: hod.id },
      include: { reply: { select: { publishedAt: true } } },
    });
    for (const l of links) {
      const moves = await t.db.inputMove.findMany({ where: { linkId: l.id }, orderBy: { at: "asc" } });
      expect(moves[0]!.fromStatus).toBeNull();
      expect(moves.at(-1)!.toStatus).toBe(l.status);
      moves.slice(1).forEach((m, i) => expect(m.fromStatus).toBe(moves[i]!.toStatus));
    }
    const recentInputs = await t.db.replyTriage.count({
      where: { agencyId: hod.id, state: "input", reply: { publishedAt: { gte: new Date("2026-08-01T00:00:00Z") } } },
    });
    expect(recentInputs).toBeGreaterThan(0);
  });

  it("can be loaded twice without duplicating anything", async () => {
    const counts = async () =>
      Promise.all([
        t.db.accountDailyMetric.count(),
        t.db.post.count(),
        t.db.reply.count(),
        t.db.account.count(),
        t.db.campaign.count(),
        t.db.replyTriage.count(),
        t.db.workItem.count(),
        t.db.inputLink.count(),
        t.db.inputMove.count(),
        t.db.keywordRule.count(),
      ]);
    const before = await counts();
    const second = await loadDemoData(t.db, { pseudonymisationKey: KEY, today: "2026-11-23" });
    expect(second).toEqual(first);
    expect(await counts()).toEqual(before);
  }, 120_000);

  it("shows every channel with its latest audience in the agency list", async () => {
    const agencies = await getAgencyChannels(
      t.db,
      (await t.db.agency.findMany({ select: { id: true } })).map((a) => a.id),
    );
    const oslo = agencies.find((a) => a.slug === "oslo-politidistrikt")!;
    expect(oslo.parentName).toBe("Politiet (Politidirektoratet)");
    const ops = oslo.channels.find((c) => c.handle === "oslopolitiops")!;
    expect(ops.audienceDay).toBe("2026-11-22");
    expect(ops.audience).toBe(await followersOn("oslopolitiops", "2026-11-22"));
  });
});
