import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertPosts } from "@/lib/ingest/posts";
import { streamQueryAsCsv } from "@/lib/export/streamQuery";
import { exportPostsQuery } from "@/lib/queries/exportPosts";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
let pool: pg.Pool;
let ids: { agencyId: string; accountId: string };

async function collect(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  const agency = await t.db.agency.create({ data: { slug: "eksport", name: "Eksportetaten" } });
  const account = await t.db.account.create({ data: { agencyId: agency.id, platform: "twitter", handle: "bærumpoliti", displayName: "Bærum" } });
  ids = { agencyId: agency.id, accountId: account.id };
});
afterAll(async () => pool?.end());

describe("streamed CSV export", () => {
  it("keeps æ, ø, å intact behind a BOM, neutralises formulas and gives times in UTC and local time", async () => {
    await upsertPosts(t.db, [
      { ...ids, platformPostId: "1", publishedAt: new Date("2026-07-01T06:00:00Z"), text: "Kø på E18 ved Høvik – Ås og Bærum", impressions: 1200 },
      { ...ids, platformPostId: "2", publishedAt: new Date("2026-11-23T07:00:00Z"), text: "=HYPERLINK(\"http://x\")", impressions: null },
    ]);
    const csv = await collect(await streamQueryAsCsv(pool, exportPostsQuery({ ...ids, timeZone: "Europe/Oslo", from: "2026-01-01", to: "2026-12-31" })));
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("\uFEFFpublisert_utc;publisert_lokal;plattform;kanal;tekst;lenke;visninger;liker;delinger;svar;sitater");
    expect(lines[1]).toBe("2026-07-01T06:00:00Z;2026-07-01T08:00:00;twitter;bærumpoliti;Kø på E18 ved Høvik – Ås og Bærum;;1200;;;;");
    expect(lines[2]).toBe('2026-11-23T07:00:00Z;2026-11-23T08:00:00;twitter;bærumpoliti;"\'=HYPERLINK(""http://x"")";;;;;;');
    expect(lines).toHaveLength(4);
  });

  it("streams a million rows with memory that does not grow with them", async () => {
    await t.db.$executeRawUnsafe(`
      INSERT INTO post (agency_id, account_id, platform_post_id, published_at, text, impressions)
      SELECT '${ids.agencyId}', '${ids.accountId}', 'm' || g, timestamptz '2025-01-01' + g * interval '1 second', 'Melding nummer ' || g, g
      FROM generate_series(1, 1000000) g`);
    expect(global.gc).toBeTypeOf("function");
    global.gc!();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let lines = 0;
    let bytes = 0;
    const stream = await streamQueryAsCsv(pool, exportPostsQuery({ ...ids, timeZone: "Europe/Oslo", from: "2025-01-01", to: "2025-01-31" }));
    for await (const chunk of stream) {
      const text = (chunk as Buffer).toString();
      bytes += text.length;
      const before = lines;
      lines += text.split("\r\n").length - 1;
      // Live memory after a forced collection, every 100 000 rows.
      if (Math.floor(lines / 100_000) > Math.floor(before / 100_000)) {
        global.gc!();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    expect(lines).toBe(1_000_001);
    expect(bytes).toBeGreaterThan(60 * 1024 * 1024);
    // The CSV is over 60 MB; holding it (or its rows) would take far more than this bound.
    console.log(`CSV export of 1 000 000 rows (${(bytes / 1048576).toFixed(0)} MB): live heap grew by at most ${((peak - before) / 1048576).toFixed(1)} MB`);
    expect(peak - before).toBeLessThan(16 * 1024 * 1024);
  }, 180_000);
});
