import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertPosts } from "@/lib/ingest/posts";
import { streamQueryAsCsv } from "@/lib/export/streamQuery";
import { exportPostsQuery } from "@/lib/queries/exportPosts";
import { exportRepliesQuery } from "@/lib/queries/exportReplies";
import { rowByRowCsv } from "../helpers/rowCsvWriter";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
let pool: pg.Pool;
let ids: { agencyId: string; accountId: string };

async function bytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
const collect = async (stream: NodeJS.ReadableStream) => (await bytes(stream)).toString("utf8");

// Texts a CSV writer can get wrong: formulas, quotes, separators, line breaks, Norwegian letters, emptiness.
const AWKWARD = [
  "=SUM(A1:A9)",
  "+47 22 00 00 00",
  "-minus først",
  "@bruker hei",
  "\tinnrykk",
  "\rvognretur",
  "Kø på E18 – Ås og Bærum",
  'Sitat: "Høy" og "lav"',
  "to\nlinjer",
  "Windows\r\nlinjeskift",
  "semikolon; og komma, begge",
  "",
  " mellomrom foran",
  '"',
  "ÆØÅ æøå",
  "slutt med linjeskift\n",
  'a"\nb;"c',
];

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  const agency = await t.db.agency.create({ data: { slug: "eksport", name: "Eksportetaten" } });
  const account = await t.db.account.create({
    data: { agencyId: agency.id, platform: "twitter", handle: "bærumpoliti", displayName: "Bærum" },
  });
  ids = { agencyId: agency.id, accountId: account.id };
});
afterAll(async () => pool?.end());

describe("streamed CSV export", () => {
  it("keeps æ, ø, å intact behind a BOM, neutralises formulas and gives times in UTC and local time", async () => {
    await upsertPosts(t.db, [
      {
        ...ids,
        platformPostId: "1",
        publishedAt: new Date("2026-07-01T06:00:00Z"),
        text: "Kø på E18 ved Høvik – Ås og Bærum",
        impressions: 1200,
      },
      {
        ...ids,
        platformPostId: "2",
        publishedAt: new Date("2026-11-23T07:00:00Z"),
        text: '=HYPERLINK("http://x")',
        impressions: null,
      },
    ]);
    const csv = await collect(
      await streamQueryAsCsv(
        pool,
        exportPostsQuery({ ...ids, timeZone: "Europe/Oslo", from: "2026-01-01", to: "2026-12-31" }),
      ),
    );
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "\uFEFFpublisert_utc;publisert_lokal;plattform;kanal;tekst;lenke;visninger;liker;delinger;svar;sitater",
    );
    expect(lines[1]).toBe(
      "2026-07-01T06:00:00Z;2026-07-01T08:00:00;twitter;bærumpoliti;Kø på E18 ved Høvik – Ås og Bærum;;1200;;;;",
    );
    expect(lines[2]).toBe(
      '2026-11-23T07:00:00Z;2026-11-23T08:00:00;twitter;bærumpoliti;"\'=HYPERLINK(""http://x"")";;;;;;',
    );
    expect(lines).toHaveLength(4);
  });

  it("writes the same bytes as the row-by-row writer on awkward texts, with either separator", async () => {
    const agency = await t.db.agency.create({ data: { slug: "kantete", name: "Kantetetaten" } });
    const account = await t.db.account.create({
      data: { agencyId: agency.id, platform: "facebook", handle: "=kanal;æøå", displayName: "K" },
    });
    const base = { agencyId: agency.id, accountId: account.id };
    await upsertPosts(
      t.db,
      AWKWARD.map((text, i) => ({
        ...base,
        platformPostId: `p${i}`,
        publishedAt: new Date(Date.UTC(2026, 2, 29, 0, 30 + i * 7)),
        text,
        permalink: i % 3 === 0 ? null : `https://example.org/${i}?q="${text.slice(0, 3)}"`,
        impressions: i % 4 === 0 ? null : i * 1000,
        likes: i,
      })),
    );
    await t.db.reply.createMany({
      data: AWKWARD.map((text, i) => ({
        ...base,
        platformReplyId: `r${i}`,
        authorHash: `${"ab".repeat(20)}${i}`,
        text,
        publishedAt: new Date(Date.UTC(2026, 9, 25, 0, i)),
        permalink: i % 2 ? `=https://x/${i}` : null,
        language: i % 5 ? "nb" : null,
      })),
    });
    const period = {
      agencyId: agency.id,
      timeZone: "Europe/Oslo",
      from: "2026-01-01" as const,
      to: "2026-12-31" as const,
    };
    for (const query of [exportPostsQuery(period), exportRepliesQuery(period)]) {
      for (const separator of [";", ","] as const) {
        const ours = await bytes(await streamQueryAsCsv(pool, query, { separator }));
        const reference = await bytes(await rowByRowCsv(pool, query, { separator }));
        expect(ours.toString("utf8").split("\r\n").length).toBeGreaterThan(AWKWARD.length);
        expect(JSON.stringify(ours.toString("utf8")), `${query.header[4]} with "${separator}"`).toBe(
          JSON.stringify(reference.toString("utf8")),
        );
        expect(ours.equals(reference)).toBe(true);
      }
    }
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
    const stream = await streamQueryAsCsv(
      pool,
      exportPostsQuery({ ...ids, timeZone: "Europe/Oslo", from: "2025-01-01", to: "2025-01-31" }),
    );
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
    console.log(
      `CSV export of 1 000 000 rows (${(bytes / 1048576).toFixed(0)} MB): live heap grew by at most ${((peak - before) / 1048576).toFixed(1)} MB`,
    );
    expect(peak - before).toBeLessThan(16 * 1024 * 1024);
  }, 180_000);

  it("stops the query on the server when the client goes away, and the pool serves the next export", async () => {
    const stream = await streamQueryAsCsv(
      pool,
      exportPostsQuery({ ...ids, timeZone: "Europe/Oslo", from: "2025-01-01", to: "2025-12-31" }),
    );
    for await (const _ of stream) break; // the browser reads a little, then the download is cancelled
    await expect
      .poll(
        async () =>
          (
            await t.db.$queryRawUnsafe<{ n: number }[]>(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'COPY (SELECT%'`,
            )
          )[0]!.n,
        { timeout: 10_000 },
      )
      .toBe(0);
    const again = await collect(
      await streamQueryAsCsv(
        pool,
        exportPostsQuery({ ...ids, timeZone: "Europe/Oslo", from: "2026-07-01", to: "2026-07-01" }),
      ),
    );
    expect(again.split("\r\n")).toHaveLength(3);
  });
});
