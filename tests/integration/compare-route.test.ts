import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as compareGet } from "@/app/api/agencies/[slug]/compare/route";
import { GET as exportGet } from "@/app/api/agencies/[slug]/export/[dataset]/route";
import { createLocalUser, grantMembership } from "@/lib/auth/users";
import { upsertDailyMetrics, type DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import type { AgencyComparisonRow } from "@/lib/queries/getAgencyComparison";
import { addDays, daysBetween, type Day } from "@/lib/time";
import { setConfig } from "../helpers/config";
import { useTestDatabase } from "../helpers/testDb";

/**
 * The compare route over a year: its figures (read from monthly and weekly rollups and the daily rows
 * at the range's ends) equal sums over the daily rows themselves, across collection gaps and both DST
 * switches of Europe/Oslo; and its answer, reused per data version of every chosen agency, shows any
 * write to any of them, and a renamed agency, at the very next request.
 */

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

const t = useTestDatabase();
const FIRST: Day = "2024-10-01";
const LAST: Day = "2026-11-25";
const RANGE = { from: "2025-11-24", to: "2026-11-23" } as const;
const BEFORE = { from: "2024-11-24", to: "2025-11-23" } as const;
/** Days without a collection: around the spring and autumn DST switches, a month's first days, the range's ends. */
const GAPS = new Set<Day>([
  "2026-03-28",
  "2026-03-29",
  "2026-03-30",
  "2025-10-26",
  "2026-10-25",
  "2026-02-01",
  "2026-02-02",
  "2025-11-24",
  "2026-11-23",
]);
const rows: DailyMetricInput[] = [];
const agencies: Record<string, { id: string; accounts: string[] }> = {};

function history(agencyId: string, accountId: string, seed: number): DailyMetricInput[] {
  const out: DailyMetricInput[] = [];
  for (let i = 0; i <= daysBetween(FIRST, LAST); i++) {
    const day = addDays(FIRST, i);
    if (GAPS.has(day) && seed % 2 === 1) continue;
    out.push({
      agencyId,
      accountId,
      day,
      followers: 1_000 * seed + i,
      impressions: (i * seed) % 97,
      postsPublished: i % 3,
      repliesReceived: (i + seed) % 5,
    });
  }
  return out;
}

/** The agency's figures straight from the generated daily rows. */
function expected(agencyId: string) {
  const mine = rows.filter((r) => r.agencyId === agencyId);
  const inside = (p: { from: Day; to: Day }) => mine.filter((r) => r.day >= p.from && r.day <= p.to);
  const sum = (p: { from: Day; to: Day }, k: "impressions" | "postsPublished" | "repliesReceived") =>
    inside(p).reduce((s, r) => s + (r[k] ?? 0), 0);
  const audience = (p: { from: Day; to: Day }) =>
    [...new Set(mine.map((r) => r.accountId))].reduce((s, id) => {
      const last = inside(p)
        .filter((r) => r.accountId === id)
        .at(-1)!;
      return s + last.followers!;
    }, 0);
  return {
    audience: audience(RANGE),
    audienceAtStart: audience(BEFORE),
    impressions: sum(RANGE, "impressions"),
    posts: sum(RANGE, "postsPublished"),
    replies: sum(RANGE, "repliesReceived"),
  };
}

async function compare(from: string, chosen: string[]): Promise<AgencyComparisonRow[]> {
  const qs = `range=custom&from=${RANGE.from}&to=${RANGE.to}&${chosen.map((s) => `agency=${s}`).join("&")}`;
  const res = await compareGet(new Request(`http://x/api/agencies/${from}/compare?${qs}`), {
    params: Promise.resolve({ slug: from }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: AgencyComparisonRow[] }).data;
}

/** The compare CSV (the same figures, reused as rows rather than as JSON text). */
async function compareCsv(from: string, chosen: string[]): Promise<string> {
  const qs = `range=custom&from=${RANGE.from}&to=${RANGE.to}&${chosen.map((s) => `agency=${s}`).join("&")}`;
  const res = await exportGet(new Request(`http://x/api/agencies/${from}/export/compare?${qs}`), {
    params: Promise.resolve({ slug: from, dataset: "compare" }),
  });
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => {
  setConfig({ DATABASE_URL: t.url });
  const user = await createLocalUser(t.db, {
    email: "leser@etat.test",
    name: "Leser",
    password: "et-langt-passord-2026",
  });
  session.user = { id: user.id, email: user.email, name: user.name };
  let seed = 1;
  for (const [slug, channels] of [
    ["vegvesenet", 2],
    ["tolletaten", 1],
  ] as const) {
    const agency = await t.db.agency.create({ data: { slug, name: slug, timeZone: "Europe/Oslo" } });
    await grantMembership(t.db, { userId: user.id, agencyId: agency.id, role: "viewer" });
    agencies[slug] = { id: agency.id, accounts: [] };
    for (let c = 0; c < channels; c++) {
      const account = await t.db.account.create({
        data: { agencyId: agency.id, platform: "twitter", handle: `${slug}-${c}`, displayName: `${slug} ${c}` },
      });
      agencies[slug].accounts.push(account.id);
      rows.push(...history(agency.id, account.id, seed++));
    }
  }
  await upsertDailyMetrics(t.db, rows);
});

describe("the compare route", () => {
  it("gives each agency's sums and audiences of the daily rows, across gaps and DST switches", async () => {
    const data = await compare("vegvesenet", ["vegvesenet", "tolletaten"]);
    expect(data.map((r) => r.slug).sort()).toEqual(["tolletaten", "vegvesenet"]);
    for (const row of data) {
      const want = expected(row.agencyId);
      expect(row).toMatchObject(want);
      expect(row.growthShare).toBeCloseTo((want.audience - want.audienceAtStart) / want.audienceAtStart, 10);
    }
  });

  it("shows a write to any chosen agency, and a renamed agency, at the next request", async () => {
    const before = await compare("vegvesenet", ["vegvesenet", "tolletaten"]);
    expect(await compare("vegvesenet", ["vegvesenet", "tolletaten"])).toEqual(before);
    // Only the agency the address names is then chosen: a different answer, not the one kept for both.
    expect((await compare("vegvesenet", ["vegvesenet"])).map((r) => r.slug)).toEqual(["vegvesenet"]);

    // A corrected figure of the agency the address does not name.
    const { id, accounts } = agencies.tolletaten!;
    const fix = { agencyId: id, accountId: accounts[0]!, day: RANGE.to, followers: 1, impressions: 10_000 };
    await upsertDailyMetrics(t.db, [fix]);
    const after = (await compare("vegvesenet", ["vegvesenet", "tolletaten"])).find((r) => r.slug === "tolletaten")!;
    const old = before.find((r) => r.slug === "tolletaten")!;
    expect(after.audience).toBe(1);
    expect(after.impressions).toBe(
      old.impressions! +
        10_000 -
        (rows.find((r) => r.accountId === fix.accountId && r.day === RANGE.to)?.impressions ?? 0),
    );

    expect(await compareCsv("vegvesenet", ["vegvesenet", "tolletaten"])).not.toContain("Tolletaten");
    await t.db.agency.update({ where: { id }, data: { name: "Tolletaten" } });
    expect(await compareCsv("vegvesenet", ["vegvesenet", "tolletaten"])).toContain("Tolletaten");
    const renamed = await compare("vegvesenet", ["vegvesenet", "tolletaten"]);
    expect(renamed.find((r) => r.slug === "tolletaten")!.name).toBe("Tolletaten");
  });
});
