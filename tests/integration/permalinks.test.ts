import { plainSql } from "@/lib/export/csvQuery";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { runRetention } from "@/jobs/retention";
import { citizenPermalink, exportedPermalink, upsertReplies } from "@/lib/ingest/replies";
import { eraseSubject, exportSubject } from "@/lib/inputs/subject";
import { exportRepliesQuery } from "@/lib/queries/exportReplies";
import { getInputTrail } from "@/lib/queries/getInputTrail";
import { ensureWorkItem } from "@/lib/inputs/workItems";
import { linkInput } from "@/lib/inputs/links";
import { triageReply } from "@/lib/inputs/triage";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const KEY = "4d".repeat(32);
const acc: Record<"twitter" | "mastodon" | "bluesky" | "youtube", string> = {
  twitter: "",
  mastodon: "",
  bluesky: "",
  youtube: "",
};
let agencyId = "";
const BSKY_URI = "at://did:plc:abc123xyz/app.bsky.feed.post/3kf7rkey";

async function sql<T extends unknown[]>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    return (await client.query({ text, values, rowMode: "array" })).rows as T[];
  } finally {
    await client.end();
  }
}
const stored = async (platformReplyId: string) =>
  (await t.db.reply.findFirstOrThrow({ where: { agencyId, platformReplyId } })).permalink;
const reply = (
  platform: keyof typeof acc,
  id: string,
  permalink: string | null,
  author = "kari_nordmann",
  at = "2026-10-01T10:00:00Z",
) =>
  upsertReplies(
    t.db,
    [
      {
        agencyId,
        accountId: acc[platform],
        platformReplyId: id,
        authorHandle: author,
        text: `Svar ${id}`,
        publishedAt: new Date(at),
        permalink,
      },
    ],
    KEY,
  );

beforeAll(async () => {
  agencyId = (await t.db.agency.create({ data: { slug: "etaten", name: "Etaten" } })).id;
  for (const platform of Object.keys(acc) as (keyof typeof acc)[]) {
    acc[platform] = (
      await t.db.account.create({ data: { agencyId, platform, handle: `etaten-${platform}`, displayName: platform } })
    ).id;
  }
});

describe("citizens' reply links", () => {
  it("are built without the author's handle where the platform allows it", () => {
    expect(
      citizenPermalink("twitter", "https://x.com/kari_nordmann/status/1790000000000000001", "1790000000000000001"),
    ).toBe("https://x.com/i/web/status/1790000000000000001");
    expect(citizenPermalink("twitter", "https://x.com/kari_nordmann/status/17", "ikke-et-tall")).toBe(
      "https://x.com/i/web/status/17",
    );
    expect(citizenPermalink("twitter", "https://x.com/kari_nordmann/status/123-r0", "123-r0")).toBeNull();
    expect(citizenPermalink("mastodon", "https://mastodon.example/@kari/109876", "555")).toBe(
      "https://mastodon.example/statuses/109876",
    );
    expect(citizenPermalink("mastodon", "https://mastodon.example/users/kari/statuses/109876", "555")).toBe(
      "https://mastodon.example/statuses/109876",
    );
    expect(citizenPermalink("mastodon", "https://mastodon.example/@kari@annen.example/109876/x", "555")).toBeNull();
    expect(citizenPermalink("mastodon", "https://misskey.example/notes/9abc", "555")).toBe(
      "https://misskey.example/notes/9abc",
    );
    expect(citizenPermalink("bluesky", "https://bsky.app/profile/kari.bsky.social/post/3kf7rkey", BSKY_URI)).toBe(
      "https://bsky.app/profile/did:plc:abc123xyz/post/3kf7rkey",
    );
    expect(citizenPermalink("youtube", "https://www.youtube.com/watch?v=v1&lc=c1", "c1")).toBe(
      "https://www.youtube.com/watch?v=v1&lc=c1",
    );
    expect(citizenPermalink("facebook", null, "1_2")).toBeNull();
  });

  it("are stored without the handle by the write path the collectors use", async () => {
    await reply("twitter", "1790000000000000001", "https://x.com/kari_nordmann/status/1790000000000000001");
    await reply("mastodon", "555", "https://mastodon.example/@kari_nordmann/109876");
    await reply("bluesky", BSKY_URI, "https://bsky.app/profile/kari_nordmann.bsky.social/post/3kf7rkey");
    const links = await t.db.reply.findMany({ where: { agencyId }, select: { permalink: true } });
    expect(links.length).toBe(3);
    for (const l of links) expect(l.permalink ?? "").not.toContain("kari_nordmann");
  });

  it("a migration rewrites X and Mastodon links already stored with the handle", async () => {
    const rows: [string, string, string][] = [
      [acc.twitter, "1790000000000000002", "https://x.com/ola_hansen/status/1790000000000000002"],
      [acc.twitter, "demo-r1", "https://x.com/ola_hansen/status/demo-r1"],
      [acc.mastodon, "556", "https://mastodon.example/@ola_hansen/109877"],
      [acc.mastodon, "557", "https://mastodon.example/@ola_hansen@annen.example/1/x"],
      [
        acc.bluesky,
        "at://did:plc:ola999/app.bsky.feed.post/3kzz",
        "https://bsky.app/profile/ola_hansen.bsky.social/post/3kzz",
      ],
    ];
    for (const [accountId, id, link] of rows) {
      await sql(
        `INSERT INTO reply (agency_id, account_id, platform_reply_id, author_hash, text, published_at, permalink) VALUES ($1, $2, $3, 'h', 'gammelt svar', now(), $4)`,
        [agencyId, accountId, id, link],
      );
    }
    await sql(readFileSync(path.resolve("prisma/migrations/20261201310000_reply_permalinks/migration.sql"), "utf8"));
    expect(await stored("1790000000000000002")).toBe("https://x.com/i/web/status/1790000000000000002");
    expect(await stored("demo-r1")).toBeNull();
    expect(await stored("556")).toBe("https://mastodon.example/statuses/109877");
    expect(await stored("557")).toBeNull();
    expect(await stored("at://did:plc:ola999/app.bsky.feed.post/3kzz")).toBe(
      "https://bsky.app/profile/did:plc:ola999/post/3kzz",
    );
    expect(await stored("1790000000000000001")).toBe("https://x.com/i/web/status/1790000000000000001");
  });

  it("a Bluesky link (with the author's DID) is in the subject export, but never in the pseudonymised reply-texts CSV", async () => {
    const subject = await exportSubject(t.db, agencyId, "kari_nordmann", KEY);
    expect(subject.replies.map((r) => r.permalink)).toContain(
      "https://bsky.app/profile/did:plc:abc123xyz/post/3kf7rkey",
    );
    const q = exportRepliesQuery({ agencyId, timeZone: "Europe/Oslo", from: "2026-09-01", to: "2026-12-31" });
    const linkColumn = q.header.indexOf("lenke");
    const links = (await sql<string[]>(plainSql(q), q.values)).map((r) => r[linkColumn]);
    expect(links).toContain("https://x.com/i/web/status/1790000000000000001");
    expect(links.join(" ")).not.toContain("did:plc");
    expect(links.join(" ")).not.toContain("kari_nordmann");
  });

  it("viewer-level exports (the input trail) carry no links to citizens' posts", async () => {
    const replyId = (await t.db.reply.findFirstOrThrow({ where: { agencyId, platformReplyId: "1790000000000000001" } }))
      .id;
    const actor = { userId: "u-1", label: "Redaktør" };
    await triageReply(t.db, agencyId, replyId, { state: "input", kind: "suggestion" }, 0, actor);
    const item = await ensureWorkItem(t.db, agencyId, { title: "Reformen" });
    await linkInput(t.db, agencyId, { replyId, workItemId: item.id }, actor);
    const row = (await getInputTrail(t.db, agencyId)).find((r) => r.permalink)!;
    expect(row.platform).toBe("twitter");
    expect(exportedPermalink(row.platform, row.permalink, { viewerLevel: true })).toBeNull();
    expect(exportedPermalink(row.platform, row.permalink, { viewerLevel: false })).toBe(
      "https://x.com/i/web/status/1790000000000000001",
    );
    expect(
      exportedPermalink("bluesky", "https://bsky.app/profile/did:plc:abc123xyz/post/3kf7rkey", { viewerLevel: false }),
    ).toBeNull();
  });

  it("go with the reply: erased on a subject's request and deleted by retention", async () => {
    expect((await eraseSubject(t.db, agencyId, "kari_nordmann", KEY)).erasedReplies).toBeGreaterThan(0);
    expect(await t.db.reply.count({ where: { agencyId, permalink: { contains: "did:plc:abc123xyz" } } })).toBe(0);
    await reply("mastodon", "900", "https://mastodon.example/@per/1", "per", "2020-01-01T10:00:00Z");
    expect(await stored("900")).toBe("https://mastodon.example/statuses/1");
    await runRetention(t.db, new Date("2026-11-26T00:00:00Z"));
    expect(await t.db.reply.count({ where: { agencyId, platformReplyId: "900" } })).toBe(0);
  });
});
