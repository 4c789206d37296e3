import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoData, type DemoSummary } from "@/lib/demo/load";
import { getAgencyChannels } from "@/lib/queries/getAgencyChannels";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const KEY = "5a".repeat(32);
let first: DemoSummary;

const followersOn = async (handle: string, day: string) => {
  const row = await t.db.accountDailyMetric.findFirst({ where: { account: { handle }, day: new Date(`${day}T00:00:00Z`) } });
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
    const campaign = await t.db.campaign.findFirstOrThrow({ where: { name: "Forebyggende sikkerhetsinformasjon til næringslivet" } });
    expect([campaign.reached, campaign.targetPopulation]).toEqual([10_000, 50_000]);
  });

  it("runs up to yesterday, keeps growing after 2017, and stores collection gaps as missing days", async () => {
    expect(await followersOn("oslopolitiops", "2026-11-22")).toBeGreaterThan(312_400);
    expect(await t.db.accountDailyMetric.count({ where: { day: new Date("2026-11-23T00:00:00Z") } })).toBe(0);
    expect(await followersOn("politietoslo", "2025-03-12")).toBeNull();
    expect(await followersOn("politietoslo", "2025-03-15")).not.toBeNull();
  });

  it("has no audience figure for Flickr and no impressions for Facebook after the metric was retired, rather than zeros", async () => {
    const flickr = await t.db.accountDailyMetric.count({ where: { account: { platform: "flickr" }, followers: { not: null } } });
    expect(flickr).toBe(0);
    const fbAfter = await t.db.accountDailyMetric.findFirstOrThrow({ where: { account: { platform: "facebook" }, day: new Date("2026-01-05T00:00:00Z") } });
    expect(fbAfter.impressions).toBeNull();
    expect(fbAfter.reach).toBeGreaterThan(0);
  });

  it("has Norwegian posts and pseudonymised replies around the Coordination Reform", async () => {
    const replies = await t.db.reply.findMany({ where: { account: { handle: "helseomsorgdep" }, text: { contains: "samhandlingsreformen" } }, take: 5 });
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expect(r.authorHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("can be loaded twice without duplicating anything", async () => {
    const counts = async () => Promise.all([t.db.accountDailyMetric.count(), t.db.post.count(), t.db.reply.count(), t.db.account.count(), t.db.campaign.count()]);
    const before = await counts();
    const second = await loadDemoData(t.db, { pseudonymisationKey: KEY, today: "2026-11-23" });
    expect(second).toEqual(first);
    expect(await counts()).toEqual(before);
  }, 120_000);

  it("shows every channel with its latest audience in the agency list", async () => {
    const agencies = await getAgencyChannels(t.db, (await t.db.agency.findMany({ select: { id: true } })).map((a) => a.id));
    const oslo = agencies.find((a) => a.slug === "oslo-politidistrikt")!;
    expect(oslo.parentName).toBe("Politiet (Politidirektoratet)");
    const ops = oslo.channels.find((c) => c.handle === "oslopolitiops")!;
    expect(ops.audienceDay).toBe("2026-11-22");
    expect(ops.audience).toBe(await followersOn("oslopolitiops", "2026-11-22"));
  });
});
