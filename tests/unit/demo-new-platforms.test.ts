import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENCIES } from "@/lib/demo/catalog";
import { accountHistory } from "@/lib/demo/history";
import { CONNECTORS } from "@/lib/platforms";
import { startSandbox, type Sandbox } from "@/lib/sandbox/server";
import { localDay } from "@/lib/time";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());

describe("Bluesky and Mastodon in the demo", () => {
  it("the demo agencies have channels on all six platforms", () => {
    const platforms = new Set(DEMO_AGENCIES.flatMap((a) => a.accounts.map((c) => c.platform)));
    for (const p of ["twitter", "facebook", "youtube", "flickr", "bluesky", "mastodon"]) expect(platforms).toContain(p);
  });

  it.each(["bluesky", "mastodon"] as const)(
    "live collection from the sandbox continues the %s history with the same post ids",
    async (platform) => {
      const agency = DEMO_AGENCIES.find((a) => a.accounts.some((c) => c.platform === platform))!;
      const account = agency.accounts.find((c) => c.platform === platform)!;
      const ctx = {
        baseUrl: sandbox.baseUrl(platform),
        handle: account.handle,
        platformId: null,
        token: "sandbox",
        timeoutMs: 2_000,
      };
      const metrics = await CONNECTORS[platform].fetchAccountMetrics(ctx);
      expect(metrics.displayName).toBe(account.displayName);
      expect(metrics.followers).toBeGreaterThan(1_000);
      const page = await CONNECTORS[platform].fetchPostsPage({ ...ctx, platformId: metrics.platformId }, null, 40);
      const today = localDay(new Date(), agency.timeZone);
      const stored = new Set(
        accountHistory(account, { agencyId: "", accountId: "", timeZone: agency.timeZone }, today).posts.map(
          (p) => p.platformPostId,
        ),
      );
      const older = page.posts.filter((p) => localDay(p.publishedAt, agency.timeZone) < today);
      expect(older.length).toBeGreaterThan(0);
      for (const p of older) expect(stored.has(p.platformPostId), p.platformPostId).toBe(true);
    },
  );
});
