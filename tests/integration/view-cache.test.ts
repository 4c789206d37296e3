import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as growthGet } from "@/app/api/agencies/[slug]/growth/route";
import { GET as overviewGet } from "@/app/api/agencies/[slug]/overview/route";
import { createLocalUser, grantMembership } from "@/lib/auth/users";
import { upsertDailyMetrics, type DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import { cachedView, dataVersion } from "@/lib/metrics/viewCache";
import { getChannelGrowth, type ChannelGrowth } from "@/lib/queries/getChannelGrowth";
import { addDays, localDay, type Day } from "@/lib/time";
import { setConfig } from "../helpers/config";
import { useTestDatabase } from "../helpers/testDb";

/**
 * The overview's and growth's answers are reused per agency, arguments and data version: every kind of
 * write to an agency's channels or daily figures must show at the very next request, whoever makes it.
 */

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

const t = useTestDatabase();
let pool: pg.Pool;
let today: Day;
const agencies: Record<string, { id: string; accountId: string }> = {};

type Overview = {
  totalAudience: number | null;
  channels: { handle: string; displayName: string; audience: number | null; sparkline: (number | null)[] }[];
};

async function overview(slug: string): Promise<Overview> {
  const res = await overviewGet(new Request(`http://x/api/agencies/${slug}/overview`), {
    params: Promise.resolve({ slug }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: Overview }).data;
}

const days = (accountId: string, agencyId: string, n: number, followers: number): DailyMetricInput[] =>
  Array.from({ length: n }, (_, i) => ({
    agencyId,
    accountId,
    day: addDays(today, -n + i),
    followers: followers + i,
    impressions: 100 + i,
  }));

beforeAll(async () => {
  setConfig({ DATABASE_URL: t.url });
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  const user = await createLocalUser(t.db, {
    email: "leser@etat.test",
    name: "Leser",
    password: "et-langt-passord-2026",
  });
  session.user = { id: user.id, email: user.email, name: user.name };
  today = localDay(new Date(), "Europe/Oslo");
  for (const slug of ["vegvesenet", "tolletaten"]) {
    const agency = await t.db.agency.create({ data: { slug, name: slug } });
    await grantMembership(t.db, { userId: user.id, agencyId: agency.id, role: "viewer" });
    const account = await t.db.account.create({
      data: { agencyId: agency.id, platform: "twitter", handle: `${slug}-x`, displayName: "Før" },
    });
    agencies[slug] = { id: agency.id, accountId: account.id };
    await upsertDailyMetrics(t.db, days(account.id, agency.id, 30, 1_000));
  }
});
afterAll(async () => {
  await pool?.end();
});

describe("the overview's reused answer", () => {
  it("is computed once while nothing changes", async () => {
    const { id } = agencies.vegvesenet!;
    let computed = 0;
    const view = { name: "test", agencyIds: [id], args: today };
    const compute = async () => ({ n: ++computed });
    const first = await cachedView(pool, view, compute);
    expect(await cachedView(pool, view, compute)).toBe(first);
    expect(computed).toBe(1);
    await t.db.account.update({ where: { id: agencies.vegvesenet!.accountId }, data: { displayName: "Etter" } });
    expect(await cachedView(pool, view, compute)).toEqual({ n: 2 });
  });

  it("shows a collected day, a re-collected figure, a renamed and a new channel at the next request", async () => {
    const { id, accountId } = agencies.vegvesenet!;
    const before = await overview("vegvesenet");
    expect(await overview("vegvesenet")).toEqual(before);

    // Today's collection (the small-batch upsert).
    await upsertDailyMetrics(t.db, [{ agencyId: id, accountId, day: today, followers: 5_000 }]);
    expect((await overview("vegvesenet")).totalAudience).toBe(5_000);

    // A re-collected day with a corrected figure (an UPDATE through ON CONFLICT).
    await upsertDailyMetrics(t.db, [{ agencyId: id, accountId, day: today, followers: 5_001 }]);
    expect((await overview("vegvesenet")).totalAudience).toBe(5_001);

    // A large batch goes by COPY straight into the table.
    const other = await t.db.account.create({
      data: { agencyId: id, platform: "facebook", handle: "vegvesenet-fb", displayName: "Facebook" },
    });
    expect((await overview("vegvesenet")).channels.map((c) => c.handle)).toContain("vegvesenet-fb");
    await upsertDailyMetrics(t.db, days(other.id, id, 600, 10));
    expect((await overview("vegvesenet")).channels.find((c) => c.handle === "vegvesenet-fb")!.audience).toBe(609);

    await t.db.account.update({ where: { id: accountId }, data: { displayName: "Statens vegvesen" } });
    expect((await overview("vegvesenet")).channels.find((c) => c.handle === "vegvesenet-x")!.displayName).toBe(
      "Statens vegvesen",
    );
  });

  it("shows deleted figures and manual SQL, and a truncated table, at the next request", async () => {
    const { id, accountId } = agencies.vegvesenet!;
    await overview("vegvesenet");
    await pool.query(`UPDATE account_daily_metric SET followers = 7 WHERE account_id = $1 AND day = $2`, [
      accountId,
      today,
    ]);
    expect((await overview("vegvesenet")).channels.find((c) => c.handle === "vegvesenet-x")!.audience).toBe(7);
    await t.db.accountDailyMetric.deleteMany({ where: { agencyId: id, accountId, day: { gte: new Date(today) } } });
    expect((await overview("vegvesenet")).channels.find((c) => c.handle === "vegvesenet-x")!.audience).toBe(1_029);

    const tolletaten = await overview("tolletaten");
    expect(tolletaten.totalAudience).toBe(1_029);
    await pool.query("TRUNCATE account_daily_metric");
    expect((await overview("tolletaten")).totalAudience).toBeNull();
  });

  it("moves only with the agency's own writes", async () => {
    const { vegvesenet, tolletaten } = agencies;
    const mine = await dataVersion(pool, [vegvesenet!.id]);
    await upsertDailyMetrics(t.db, days(tolletaten!.accountId, tolletaten!.id, 3, 1));
    expect(await dataVersion(pool, [vegvesenet!.id])).toBe(mine);
    await upsertDailyMetrics(t.db, days(vegvesenet!.accountId, vegvesenet!.id, 3, 1));
    expect(await dataVersion(pool, [vegvesenet!.id])).not.toBe(mine);
  });

  it("lets an agency with channels and figures be deleted", async () => {
    await t.db.agency.delete({ where: { id: agencies.tolletaten!.id } });
    expect(await t.db.account.count({ where: { agencyId: agencies.tolletaten!.id } })).toBe(0);
  });
});

describe("the growth route's reused answer", () => {
  async function growthRoute(query: string) {
    const res = await growthGet(new Request(`http://x/api/agencies/vegvesenet/growth?${query}`), {
      params: Promise.resolve({ slug: "vegvesenet" }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: ChannelGrowth }).data;
  }
  const computed = (from: Day, to: Day, bucket: "day" | "week" | "month", accountIds?: string[]) =>
    getChannelGrowth(t.db, { agencyId: agencies.vegvesenet!.id, from, to, bucket, accountIds });

  it("is the computed answer for each range, bucket and channel choice, and follows a re-collected day", async () => {
    const { id, accountId } = agencies.vegvesenet!;
    await upsertDailyMetrics(t.db, days(accountId, id, 120, 2_000));
    const from = addDays(today, -90);
    const asked = [
      [`range=custom&from=${from}&to=${today}&bucket=week`, () => computed(from, today, "week")],
      [`range=custom&from=${from}&to=${today}&bucket=month`, () => computed(from, today, "month")],
      [
        `range=custom&from=${addDays(from, 1)}&to=${today}&bucket=week`,
        () => computed(addDays(from, 1), today, "week"),
      ],
      [
        `range=custom&from=${from}&to=${today}&bucket=week&channel=${accountId}`,
        () => computed(from, today, "week", [accountId]),
      ],
    ] as const;
    for (const [query, expected] of asked) {
      expect(await growthRoute(query)).toEqual(JSON.parse(JSON.stringify(await expected())));
      expect(await growthRoute(query)).toEqual(JSON.parse(JSON.stringify(await expected())));
    }
    // A re-collected last day: its week's rollup moves, and so does the answer.
    const before = await growthRoute(asked[0][0]);
    await upsertDailyMetrics(t.db, [{ agencyId: id, accountId, day: today, followers: 99_999 }]);
    const after = await growthRoute(asked[0][0]);
    expect(after).not.toEqual(before);
    expect(after).toEqual(JSON.parse(JSON.stringify(await asked[0][1]())));
  });
});

describe("the kept answers' size and number", () => {
  it("keeps at most 2,000 answers, the least recently used going first", async () => {
    const { id } = agencies.vegvesenet!;
    const computed = new Map<string, number>();
    const ask = (name: string) =>
      cachedView(pool, { name, agencyIds: [id], args: today }, async () => {
        computed.set(name, (computed.get(name) ?? 0) + 1);
        return { name };
      });
    for (let i = 0; i < 2_000; i++) await ask(`n${i}`);
    await ask("n0");
    await ask("one more");
    await ask("n0");
    await ask("n1");
    expect(computed.get("n0")).toBe(1);
    expect(computed.get("n1")).toBe(2);
  });

  it("lets the least recently used go when a new one would pass the limit", async () => {
    const { id } = agencies.vegvesenet!;
    let computed = 0;
    const big = (name: string) => ({ name, agencyIds: [id], args: today });
    const compute = async () => `${++computed}`.padEnd(40 * 1024 * 1024, "x");
    await cachedView(pool, big("a"), compute);
    await cachedView(pool, big("a"), compute);
    expect(computed).toBe(1);
    await cachedView(pool, big("b"), compute);
    await cachedView(pool, big("b"), compute);
    expect(computed).toBe(2);
    await cachedView(pool, big("a"), compute);
    expect(computed).toBe(3);
  });
});
