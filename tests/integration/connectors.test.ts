import { describe, expect, it } from "vitest";
import { CONNECTORS } from "@/lib/platforms";
import { PlatformError } from "@/lib/platforms/errors";
import { resetBudgets } from "@/lib/platforms/http";
import { SOCIAL_PLATFORMS, type ConnectorContext, type PostData, type SocialPlatform } from "@/lib/platforms/types";
import { useSandbox } from "../helpers/sandbox";

const s = useSandbox();
const ctx = (platform: SocialPlatform, timeoutMs = 2_000): ConnectorContext => ({
  baseUrl: s.sandbox.baseUrl(platform),
  handle: `etat_${platform}`,
  platformId: null,
  token: "test-token",
  timeoutMs,
});

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }
  throw new Error("expected the call to fail");
}

const sleepUntil = (at: Date) => new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now())));

describe.each(SOCIAL_PLATFORMS)("%s connector against the fake platform", (platform) => {
  const connector = CONNECTORS[platform];

  it("reads the account's audience", async () => {
    const m = await connector.fetchAccountMetrics(ctx(platform));
    expect(m.gaps).toEqual([]);
    expect(m.platformId).toBeTruthy();
    if (platform === "flickr")
      expect(m.followers).toBeNull(); // Flickr publishes no follower count
    else expect(m.followers).toBe(5000);
  });

  it("walks three pages of posts, newest first, each post once", async () => {
    const seen: PostData[] = [];
    let page: string | null = null;
    let pages = 0;
    do {
      const result = await connector.fetchPostsPage(ctx(platform), page, 10);
      seen.push(...result.posts);
      page = result.next;
      pages++;
    } while (page && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen.map((p) => p.platformPostId)).size).toBe(25);
    expect(seen[0]!.publishedAt.getTime()).toBeGreaterThan(seen.at(-1)!.publishedAt.getTime());
    const replies = await connector.fetchReplies(ctx(platform), seen[0]!);
    expect(replies).toHaveLength(2);
    expect(replies[0]!.authorHandle).toBeTruthy();
  });

  it("reports a 429 with the platform's reset time, and succeeds once it has passed", async () => {
    s.sandbox.fault({ platform, kind: "rate_limit", resetInMs: 1_000 });
    const before = Date.now();
    const error = await failure(connector.fetchAccountMetrics(ctx(platform)));
    expect(error.kind).toBe("rate_limited");
    expect(error.resetAt!.getTime()).toBeGreaterThan(before);
    if (platform === "facebook") {
      // Facebook states the wait in whole minutes: until then the connector does not even ask.
      const sent = s.sandbox.requests.length;
      expect((await failure(connector.fetchAccountMetrics(ctx(platform)))).kind).toBe("rate_limited");
      expect(s.sandbox.requests.length).toBe(sent);
      resetBudgets(); // the minute has passed
    } else if (platform === "youtube") {
      // Google sends no reset time: the connector backs off a minute, and nothing stops a later call.
      expect(error.resetAt!.getTime()).toBeGreaterThan(before + 30_000);
    } else {
      await sleepUntil(error.resetAt!);
    }
    await expect(connector.fetchAccountMetrics(ctx(platform))).resolves.toMatchObject({
      platformId: expect.any(String),
    });
  });

  it("treats a 5xx as transient and succeeds on the next try", async () => {
    s.sandbox.fault({ platform, kind: "server_error" });
    expect((await failure(connector.fetchAccountMetrics(ctx(platform)))).kind).toBe("transient");
    await expect(connector.fetchAccountMetrics(ctx(platform))).resolves.toBeTruthy();
  });

  it("gives up on a slow answer after its timeout", async () => {
    s.sandbox.fault({ platform, kind: "slow", delayMs: 800 });
    const started = Date.now();
    const error = await failure(connector.fetchAccountMetrics(ctx(platform, 200)));
    expect(error.kind).toBe("transient");
    expect(Date.now() - started).toBeLessThan(700);
  });

  it("rejects a malformed body instead of guessing", async () => {
    s.sandbox.fault({ platform, kind: "malformed" });
    expect((await failure(connector.fetchPostsPage(ctx(platform), null, 10))).kind).toBe("malformed");
  });

  if (platform === "youtube") {
    it("reads a video with comments turned off as having no replies", async () => {
      const { posts } = await connector.fetchPostsPage(ctx(platform), null, 10);
      s.sandbox.fault({ platform, kind: "comments_disabled", times: Infinity });
      await expect(connector.fetchReplies(ctx(platform), posts[0]!)).resolves.toEqual([]);
    });
  }

  it("recognises an expired or revoked token", async () => {
    s.sandbox.fault({ platform, kind: "expired_token" });
    expect((await failure(connector.fetchAccountMetrics(ctx(platform)))).kind).toBe("auth");
  });

  it("reports a metric that disappeared from the response as a gap, not a zero", async () => {
    s.sandbox.fault({ platform, kind: "retire_metric", times: Infinity });
    const m = await connector.fetchAccountMetrics(ctx(platform));
    expect(m.gaps.length).toBeGreaterThan(0);
    if (platform === "flickr") expect(m.postsCount).toBeNull();
    else if (platform === "facebook") {
      // The Graph API rejects the whole Insights call; the retired metric is a gap, the rest is kept.
      expect(m.followers).toBe(5000);
      expect(m.gaps.map((g) => g.metric)).toEqual(["insights.page_total_media_view_unique"]);
      expect(m.daily!.every((d) => d.impressions !== undefined && d.reach === undefined)).toBe(true);
    } else expect(m.followers).toBeNull();
  });
});
