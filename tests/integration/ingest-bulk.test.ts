import { beforeAll, describe, expect, it } from "vitest";
import { upsertDailyMetrics, type DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import { upsertPosts, type PostInput } from "@/lib/ingest/posts";
import { upsertReplies, type ReplyInput } from "@/lib/ingest/replies";
import { COPY_FROM_ROWS } from "@/lib/ingest/bulk";
import { addDays } from "@/lib/time";
import { referenceUpsertDailyMetrics, referenceUpsertPosts, referenceUpsertReplies } from "../helpers/ingestReference";
import { useTestDatabase } from "../helpers/testDb";

// The faster write path (COPY into a temporary table for large batches, unnest through pg for small
// ones) must store exactly what the old Prisma path stored: one agency is written by each, with the
// same batches, and their rows are compared field by field.
const t = useTestDatabase();
const KEY = "4b".repeat(32);
type Ids = { agencyId: string; accountId: string };
let fast: Ids;
let old: Ids;

beforeAll(async () => {
  const make = async (slug: string) => {
    const agency = await t.db.agency.create({ data: { slug, name: slug } });
    const account = await t.db.account.create({
      data: { agencyId: agency.id, platform: "mastodon", handle: slug, displayName: slug },
    });
    return { agencyId: agency.id, accountId: account.id };
  };
  fast = await make("rask-etat");
  old = await make("gammel-etat");
});

const LARGE = COPY_FROM_ROWS * 3;
const TEXTS = [
  "Vei stengt på E6 – æøå ÆØÅ",
  "=SUM(A1:A9)",
  'Sitat: "hei"; semikolon',
  "linje 1\nlinje 2\r\nlinje 3",
  "tab\there \\ backslash \\N",
  "",
  "@nav +47 -1",
];

/** Batches with repeats inside a batch, unknown values, re-collected (conflicting) rows and new ones. */
function dailyBatches(ids: Ids): DailyMetricInput[][] {
  const day = (i: number) => addDays("2024-01-01", i);
  const first: DailyMetricInput[] = Array.from({ length: LARGE }, (_, i) => ({
    ...ids,
    day: day(i),
    followers: i % 7 === 0 ? null : 1_000 + i,
    impressions: i % 5 === 0 ? undefined : 10 * i,
    reach: i % 3 ? 5 * i : null,
  }));
  first.push({ ...ids, day: day(3), followers: null, impressions: 777, reach: null }); // a repeat: known followers stay
  const second = Array.from({ length: LARGE }, (_, i) => ({
    ...ids,
    day: day(i + LARGE / 2),
    followers: i % 4 === 0 ? null : 2_000 + i,
    engagements: i % 2 ? i : null,
    impressions: null,
  }));
  const small = [
    { ...ids, day: day(1), followers: 5, repliesReceived: 0 },
    { ...ids, day: day(1), following: 9 },
    { ...ids, day: day(LARGE * 2), postsPublished: 0 },
  ];
  return [first, second, small, second];
}

function postBatches(ids: Ids): PostInput[][] {
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 3_600_000);
  const first: PostInput[] = Array.from({ length: LARGE }, (_, i) => ({
    ...ids,
    platformPostId: `p${i}`,
    publishedAt: at(i),
    text: TEXTS[i % TEXTS.length]!,
    permalink: i % 4 ? `https://x.test/${i}` : null,
    impressions: i % 3 ? i * 10 : null,
    likes: i,
    metricsCollectedAt: i % 6 ? at(i + 2) : null,
  }));
  first.push({
    ...ids,
    platformPostId: "p5",
    publishedAt: at(5),
    text: "endret tekst",
    impressions: null,
    likes: 99,
    metricsCollectedAt: at(1),
  });
  const second = Array.from({ length: LARGE }, (_, i) => ({
    ...ids,
    platformPostId: `p${i * 2}`,
    publishedAt: at(i * 2),
    text: TEXTS[(i + 3) % TEXTS.length]!,
    permalink: null,
    impressions: i % 2 ? null : i,
    replies: i % 5,
    quotes: null,
    metricsCollectedAt: i % 2 ? at(i) : at(i + 500),
  }));
  const small = [{ ...ids, platformPostId: "p1", publishedAt: at(1), text: "liten", reposts: 3 }];
  return [first, second, small];
}

function replyBatches(ids: Ids): ReplyInput[][] {
  const at = (i: number) => new Date(Date.UTC(2026, 1, 1) + i * 60_000);
  const first: ReplyInput[] = Array.from({ length: LARGE }, (_, i) => ({
    ...ids,
    platformPostId: i % 9 === 0 ? null : i % 11 === 0 ? "ukjent" : `p${i % 200}`,
    platformReplyId: `r${i}`,
    authorHandle: `person${i % 50}`,
    authorDisplayName: i % 2 ? `Person ${i}` : null,
    text: TEXTS[i % TEXTS.length]!,
    publishedAt: at(i),
    language: i % 3 ? "nb" : null,
  }));
  first.push({
    ...ids,
    platformPostId: null,
    platformReplyId: "r10",
    authorHandle: "person10",
    text: "gjentatt",
    publishedAt: at(10),
    language: null,
  });
  const second = first.slice(0, LARGE / 2).map((r, i) => ({
    ...r,
    platformPostId: i % 2 ? `p${i % 200}` : null,
    text: `${r.text} (rettet)`,
    language: i % 4 ? null : "sv",
  }));
  return [first, second, first.slice(0, 10)];
}

async function rowsOf(table: "account_daily_metric" | "post" | "reply", ids: Ids) {
  const columns = {
    account_daily_metric:
      "day::text AS k, followers, following, posts_published, impressions, reach, engagements, replies_received",
    post: "platform_post_id AS k, published_at, text, permalink, impressions, likes, reposts, replies, quotes, metrics_collected_at",
    reply:
      "platform_reply_id AS k, (SELECT platform_post_id FROM post p WHERE p.id = reply.post_id) AS post, author_hash, author_display_name, text, published_at, permalink, language",
  }[table];
  return t.db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${columns} FROM ${table} WHERE agency_id = $1::uuid AND account_id = $2::uuid ORDER BY 1`,
    ids.agencyId,
    ids.accountId,
  );
}

describe("the bulk write path stores exactly what the old path stored", () => {
  it("daily metrics: repeats merged, unknowns never erase known values, re-collections update in place", async () => {
    const versions = () =>
      t.db.$queryRawUnsafe<{ v: string }[]>(
        `SELECT xmin::text AS v FROM account_daily_metric WHERE account_id = $1::uuid ORDER BY day`,
        fast.accountId,
      );
    const batches = dailyBatches(fast);
    let beforeRepeat: { v: string }[] = [];
    for (const [i, [a, b]] of batches.map((batch, i) => [batch, dailyBatches(old)[i]!] as const).entries()) {
      if (i === 3) beforeRepeat = await versions();
      expect(await upsertDailyMetrics(t.db, a)).toBe(await referenceUpsertDailyMetrics(t.db, b));
    }
    // The last batch repeats the second one unchanged: no row was rewritten.
    expect(await versions()).toEqual(beforeRepeat);
    const [mine, theirs] = [await rowsOf("account_daily_metric", fast), await rowsOf("account_daily_metric", old)];
    expect(mine.length).toBe(LARGE * 1.5 + 1);
    expect(mine).toEqual(theirs);
    expect(mine.find((r) => r.k === "2024-01-04")).toMatchObject({ followers: 1_003, impressions: 777 });
  });

  it("posts: texts with tabs, newlines, backslashes, quotes and Norwegian letters arrive unchanged", async () => {
    for (const [a, b] of postBatches(fast).map((batch, i) => [batch, postBatches(old)[i]!] as const)) {
      expect(await upsertPosts(t.db, a)).toBe(await referenceUpsertPosts(t.db, b));
    }
    const [mine, theirs] = [await rowsOf("post", fast), await rowsOf("post", old)];
    expect(mine).toHaveLength(LARGE * 1.5);
    expect(mine).toEqual(theirs);
    expect(new Set(mine.map((r) => r.text))).toEqual(new Set([...TEXTS, "endret tekst", "liten"]));
  });

  it("replies: linked to their posts, authors hashed, no reply counted twice", async () => {
    for (const [a, b] of replyBatches(fast).map((batch, i) => [batch, replyBatches(old)[i]!] as const)) {
      expect(await upsertReplies(t.db, a, KEY)).toBe(await referenceUpsertReplies(t.db, b, KEY));
    }
    const [mine, theirs] = [await rowsOf("reply", fast), await rowsOf("reply", old)];
    expect(mine).toHaveLength(LARGE);
    expect(mine).toEqual(theirs);
    expect(mine.filter((r) => r.post !== null).length).toBeGreaterThan(LARGE / 2);
  });

  it("a failing batch leaves nothing half-written", async () => {
    const rows = Array.from({ length: LARGE }, (_, i) => ({
      ...fast,
      day: addDays("2040-01-01", i),
      followers: i === LARGE - 1 ? 3_000_000_000 : i,
    }));
    await expect(upsertDailyMetrics(t.db, rows)).rejects.toThrow();
    expect(await t.db.accountDailyMetric.count({ where: { ...fast, day: { gte: new Date("2040-01-01") } } })).toBe(0);
  });
});
