import { beforeAll, describe, expect, it } from "vitest";
import { pseudonymise } from "@/lib/crypto";
import { upsertDailyMetrics } from "@/lib/ingest/dailyMetrics";
import { upsertPosts } from "@/lib/ingest/posts";
import { upsertReplies } from "@/lib/ingest/replies";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const KEY = "1f".repeat(32);
let ids: { agencyId: string; accountId: string };

beforeAll(async () => {
  const agency = await t.db.agency.create({ data: { slug: "test-etat", name: "Testetaten" } });
  const account = await t.db.account.create({
    data: { agencyId: agency.id, platform: "twitter", handle: "testetaten", displayName: "Testetaten" },
  });
  ids = { agencyId: agency.id, accountId: account.id };
});

const metricsOn = (day: string) =>
  t.db.accountDailyMetric.findUnique({
    where: { agencyId_accountId_day: { ...ids, day: new Date(`${day}T00:00:00Z`) } },
  });

describe("daily metric upserts", () => {
  it("write one row per account and day however often the day is collected", async () => {
    await upsertDailyMetrics(t.db, [{ ...ids, day: "2026-11-20", followers: 1000, impressions: 5000 }]);
    await upsertDailyMetrics(t.db, [{ ...ids, day: "2026-11-20", followers: 1010, impressions: 5400 }]);
    await upsertDailyMetrics(t.db, [{ ...ids, day: "2026-11-20", followers: 1010, impressions: 5400 }]);
    const rows = await t.db.accountDailyMetric.findMany({ where: { ...ids, day: new Date("2026-11-20T00:00:00Z") } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ followers: 1010, impressions: 5400 });
  });

  it("never erase a known value with an unknown one, and never store unknown as zero", async () => {
    await upsertDailyMetrics(t.db, [{ ...ids, day: "2026-11-21", followers: 1020, impressions: 4000 }]);
    await upsertDailyMetrics(t.db, [{ ...ids, day: "2026-11-21", followers: 1025, impressions: null }]);
    expect(await metricsOn("2026-11-21")).toMatchObject({
      followers: 1025,
      impressions: 4000,
      reach: null,
      engagements: null,
    });
  });

  it("leave a day that was not collected absent rather than zero", async () => {
    await upsertDailyMetrics(t.db, [{ ...ids, day: "2026-11-23", followers: 1040 }]);
    expect(await metricsOn("2026-11-22")).toBeNull();
  });
});

describe("posts and replies", () => {
  it("upsert posts by platform id, keeping stored metrics when a later read lacks them", async () => {
    const base = {
      ...ids,
      platformPostId: "p1",
      publishedAt: new Date("2026-11-20T08:00:00Z"),
      text: "Trafikkulykke på E18",
    };
    await upsertPosts(t.db, [
      { ...base, impressions: 900, likes: 10, metricsCollectedAt: new Date("2026-11-20T09:00:00Z") },
    ]);
    await upsertPosts(t.db, [{ ...base, likes: 12, metricsCollectedAt: new Date("2026-11-20T10:00:00Z") }]);
    const posts = await t.db.post.findMany({ where: ids });
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      impressions: 900,
      likes: 12,
      metricsCollectedAt: new Date("2026-11-20T10:00:00Z"),
    });
  });

  it("store the author of a reply only as a keyed hash, linked to the post it answers", async () => {
    const reply = {
      ...ids,
      platformPostId: "p1",
      platformReplyId: "r1",
      authorHandle: "kari_nordmann",
      text: "Står i kø – hvor lenge?",
      publishedAt: new Date("2026-11-20T08:30:00Z"),
    };
    await upsertReplies(t.db, [reply, reply], KEY);
    const rows = await t.db.reply.findMany({ where: ids, include: { post: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.authorHash).toBe(pseudonymise("kari_nordmann", KEY));
    expect(rows[0]!.authorHash).not.toContain("kari");
    expect(rows[0]!.post?.platformPostId).toBe("p1");
    expect(rows[0]!.text).toBe("Står i kø – hvor lenge?");
  });
});
