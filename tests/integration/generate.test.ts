import { describe, expect, it } from "vitest";
import { generate, parseArgs } from "../../bench/generate";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const quiet = () => undefined;
const small = ["--agencies", "4", "--accounts", "12", "--years", "0.2", "--content-days", "5", "--seed", "7"];

async function fingerprint() {
  const [r] = await t.db.$queryRawUnsafe<{ daily: string; rows: bigint; posts: bigint; replies: bigint }[]>(`
    SELECT (SELECT md5(string_agg(concat_ws(',', agency_id, account_id, day, followers, following, posts_published, impressions, reach, engagements, replies_received), ';' ORDER BY account_id, day)) FROM account_daily_metric) AS daily,
           (SELECT count(*) FROM account_daily_metric) AS rows, (SELECT count(*) FROM post) AS posts, (SELECT count(*) FROM reply) AS replies`);
  return r!;
}

async function generateFresh(via: string) {
  await t.db.$executeRawUnsafe("DELETE FROM agency");
  await generate(t.url, parseArgs([...small, "--via", via]), quiet);
  return fingerprint();
}

describe("the national data generator", () => {
  it("writes the same daily rows through COPY, through the collectors' upsert and through both", async () => {
    const copy = await generateFresh("copy");
    expect(Number(copy.rows)).toBeGreaterThan(12 * 70);
    expect(Number(copy.posts)).toBeGreaterThan(0);
    expect(Number(copy.replies)).toBeGreaterThan(Number(copy.posts));
    expect(await generateFresh("upsert")).toEqual(copy);
    expect(await generateFresh("both")).toEqual(copy);
  }, 60_000);

  it("builds a hierarchy of national bodies and districts, with channels on every platform", async () => {
    await t.db.$executeRawUnsafe("DELETE FROM agency");
    await generate(
      t.url,
      parseArgs(["--agencies", "30", "--accounts", "90", "--years", "0.1", "--content-days", "0"]),
      quiet,
    );
    const agencies = await t.db.agency.findMany();
    const national = agencies.filter((a) => a.parentId === null);
    expect(national.length).toBe(2);
    expect(agencies.filter((a) => a.parentId !== null).every((a) => national.some((n) => n.id === a.parentId))).toBe(
      true,
    );
    const platforms = await t.db.account.groupBy({ by: ["platform"], _count: true });
    expect(platforms.length).toBe(8);
  });

  it("gives another seed other numbers, and refuses bad options", async () => {
    const before = await generateFresh("copy");
    await t.db.$executeRawUnsafe("DELETE FROM agency");
    await generate(t.url, parseArgs([...small.slice(0, -2), "--seed", "8", "--via", "copy"]), quiet);
    expect((await fingerprint()).daily).not.toBe(before.daily);
    expect(() => parseArgs(["--via", "insert"])).toThrow(/--via/);
    expect(() => parseArgs(["--scale", "0"])).toThrow(/--scale/);
    expect(() => parseArgs(["--agencies"])).toThrow(/unexpected argument/);
  }, 60_000);
});
