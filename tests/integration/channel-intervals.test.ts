import { describe, expect, it } from "vitest";
import { enqueueDueAccounts, startQueue } from "@/jobs/queue";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();

describe("how often an added channel is collected", () => {
  it("a channel on a real Mastodon instance waits the real platforms' interval; a sandbox channel, connected or not, the sandbox's", async () => {
    const agency = await t.db.agency.create({ data: { slug: "intervall", name: "Intervalletaten" } });
    const cred = await t.db.credential.create({ data: { agencyId: agency.id, ciphertext: new Uint8Array([1]) } });
    const rows = [
      { platform: "mastodon" as const, handle: "etat@mastodon.example", baseUrl: "https://mastodon.example" },
      { platform: "mastodon" as const, handle: "etat@sandkasse", baseUrl: "http://127.0.0.1:3999/mastodon" },
      {
        platform: "twitter" as const,
        handle: "innlogget",
        baseUrl: "http://127.0.0.1:3999/twitter",
        credentialId: cred.id,
      },
    ];
    const ids: Record<string, string> = {};
    for (const r of rows) {
      const a = await t.db.account.create({ data: { agencyId: agency.id, displayName: r.handle, ...r } });
      ids[a.id] = r.handle;
      await t.db.collectionRun.create({
        data: {
          agencyId: agency.id,
          accountId: a.id,
          kind: "collect",
          startedAt: new Date(Date.now() - 10 * 60_000),
          outcome: "success",
        },
      });
    }
    const boss = await startQueue(t.url);
    try {
      expect(await enqueueDueAccounts(boss, t.db, { minutes: 240, sandboxMinutes: 2 })).toBe(2);
      const queued = await t.db.$queryRaw<
        { id: string }[]
      >`SELECT data->>'accountId' AS id FROM pgboss.job WHERE name = 'collect-account'`;
      expect(queued.map((q) => ids[q.id]).sort()).toEqual(["etat@sandkasse", "innlogget"]);
    } finally {
      await boss.stop({ graceful: false });
    }
  }, 30_000);
});
