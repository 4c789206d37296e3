import { afterEach, describe, expect, it } from "vitest";
import { CONNECTORS } from "@/lib/platforms";
import { PlatformError } from "@/lib/platforms/errors";
import { resetBudgets } from "@/lib/platforms/http";
import type { ConnectorContext, SocialPlatform } from "@/lib/platforms/types";
import { epochIn, isoMicros, recording, recordingSource, useRecordedPlatform } from "../helpers/recordings";

/**
 * Every connector against the platforms' real answers: X, YouTube and Mastodon from the recordings
 * in ../shared/platform-recordings (served from a real local HTTP server with the status and headers
 * their .source.txt describe), Facebook, Flickr and Bluesky from the bodies their documentation
 * publishes (docs/architecture.md says which is which).
 */
const server = useRecordedPlatform();
afterEach(() => resetBudgets());

// The server's address is known only once it listens: read it at call time.
const ctx = (over: Partial<ConnectorContext> = {}): ConnectorContext => ({
  get baseUrl() {
    return server.url;
  },
  handle: "x",
  platformId: null,
  token: "token",
  timeoutMs: 2_000,
  ...over,
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

/** After a refusal, a call for another account must be refused here, without reaching the platform. */
async function refusedWithoutACall(platform: SocialPlatform, call: () => Promise<unknown>, resetAt: Date) {
  const sent = server.requests.length;
  const again = await failure(call());
  expect(again.kind).toBe("rate_limited");
  expect(again.resetAt).toEqual(resetAt);
  expect(server.requests.length, `${platform} was called again before its reset`).toBe(sent);
}

describe("X connector against recorded X API v2 answers", () => {
  const x = CONNECTORS.twitter;
  const user = { path: "/2/users/by/username/XDevelopers", answer: { body: recording("twitter/user_by_username") } };

  it("reads @XDevelopers' audience as X sends it", async () => {
    server.routes.push(user);
    const m = await x.fetchAccountMetrics(ctx({ handle: "XDevelopers" }));
    expect(m).toEqual({
      platformId: "2244994945",
      displayName: "X Developers",
      followers: 583423,
      following: 2048,
      postsCount: 14052,
      gaps: [],
    });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer token");
  });

  it("walks the two recorded timeline pages with X's pagination token, leaving impressions unknown where X sends none", async () => {
    expect(recordingSource("twitter/users_tweets_page1")).toMatch(/x-rate-limit-limit 1500 \/ remaining 1498/);
    const page1 = recording<{ meta: { next_token: string } }>("twitter/users_tweets_page1");
    server.routes.push(
      {
        path: "/2/users/783214/tweets",
        query: { pagination_token: page1.meta.next_token },
        answer: {
          body: recording("twitter/users_tweets_page2"),
          headers: {
            "x-rate-limit-limit": "1500",
            "x-rate-limit-remaining": "1497",
            "x-rate-limit-reset": String(epochIn(600_000)),
          },
        },
      },
      {
        path: "/2/users/783214/tweets",
        answer: {
          body: page1,
          headers: {
            "x-rate-limit-limit": "1500",
            "x-rate-limit-remaining": "1498",
            "x-rate-limit-reset": String(epochIn(600_000)),
          },
        },
      },
    );
    const c = ctx({ handle: "X", platformId: "783214" });
    const first = await x.fetchPostsPage(c, null, 50);
    expect(first.posts.map((p) => p.platformPostId)).toEqual(["1577730467436138524", "1565318587736285184"]);
    expect(first.posts[0]).toMatchObject({
      publishedAt: new Date("2022-10-05T17:17:56.000Z"),
      impressions: 5432,
      likes: 234,
      reposts: 50,
      replies: 12,
      quotes: 5,
      permalink: "https://x.com/X/status/1577730467436138524",
    });
    expect(first.next).toBe(page1.meta.next_token);
    const second = await x.fetchPostsPage(c, first.next, 50);
    expect(second.posts).toHaveLength(1);
    expect(second.posts[0]).toMatchObject({
      platformPostId: "1550906497232261120",
      impressions: null,
      likes: 7,
      reposts: 1,
    });
    expect(second.next).toBeNull();
    expect(server.requests[0]!.query["tweet.fields"]).toContain("public_metrics");
    expect(server.unmatched).toEqual([]);
  });

  it("reads the replies of a conversation from recent search, with the authors' handles", async () => {
    server.routes.push({
      path: "/2/tweets/search/recent",
      query: { query: "conversation_id:1577730467436138524" },
      answer: { body: recording("twitter/search_recent_conversation") },
    });
    const replies = await x.fetchReplies(ctx({ handle: "X", platformId: "783214" }), {
      platformPostId: "1577730467436138524",
      publishedAt: new Date("2022-10-05T17:17:56.000Z"),
    });
    expect(replies.map((r) => [r.platformReplyId, r.authorHandle, r.language])).toEqual([
      ["1578516068309794817", "TweepyDev", "en"],
      ["1578515564971970560", "X", "en"],
    ]);
    expect(replies[0]!.publishedAt).toEqual(new Date("2022-10-07T22:42:12.000Z"));
  });

  it("accepts repost_count and post_count, the names of X's OpenAPI v2.167", async () => {
    const renamed = recording<{ data: { public_metrics: Record<string, number> } }>("twitter/user_by_username");
    const { tweet_count, ...rest } = renamed.data.public_metrics;
    renamed.data.public_metrics = { ...rest, post_count: tweet_count! };
    server.routes.push(
      { path: "/2/users/by/username/XDevelopers", answer: { body: renamed } },
      { path: "/2/users/783214/tweets", answer: { body: recording("twitter/users_tweets_spec_2_167") } },
    );
    expect((await x.fetchAccountMetrics(ctx({ handle: "XDevelopers" }))).postsCount).toBe(14052);
    const page = await x.fetchPostsPage(ctx({ handle: "X", platformId: "783214" }), null, 50);
    expect(page.posts[0]).toMatchObject({ reposts: 50, replies: 12, likes: 234, impressions: 5432 });
    expect(page.gaps).toEqual([]);
  });

  it("asks for reconnection on X's 401", async () => {
    server.routes.push({
      path: "/2/users/by/username/XDevelopers",
      answer: { status: 401, body: recording("twitter/error_401") },
    });
    expect((await failure(x.fetchAccountMetrics(ctx({ handle: "XDevelopers" })))).kind).toBe("auth");
  });

  it("takes the reset time from X's 429 and sends nothing to X before it, for any account", async () => {
    const reset = epochIn(120_000);
    server.routes.push({
      path: /^\/2\/users\//,
      answer: {
        status: 429,
        body: recording("twitter/error_429"),
        headers: { "x-rate-limit-limit": "900", "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(reset) },
      },
    });
    const error = await failure(x.fetchAccountMetrics(ctx({ handle: "XDevelopers" })));
    expect(error.kind).toBe("rate_limited");
    expect(error.resetAt).toEqual(new Date(reset * 1000));
    await refusedWithoutACall(
      "twitter",
      () => x.fetchAccountMetrics(ctx({ handle: "another_account" })),
      new Date(reset * 1000),
    );
  });

  it("treats X's usage cap as a spent quota, not as a short rate limit", async () => {
    server.routes.push({
      path: "/2/users/783214/tweets",
      answer: { status: 429, body: recording("twitter/error_usage_capped") },
    });
    const error = await failure(x.fetchPostsPage(ctx({ handle: "X", platformId: "783214" }), null, 50));
    expect(error.kind).toBe("quota");
    // A spent cap holds for every endpoint and account of the app: X is not asked again for a while.
    expect(error.resetAt!.getTime()).toBeGreaterThanOrEqual(Date.now() + 59 * 60_000);
    const sent = server.requests.length;
    expect((await failure(x.fetchAccountMetrics(ctx({ handle: "another_account" })))).resetAt).toEqual(error.resetAt);
    expect(server.requests.length).toBe(sent);
  });
});

describe("YouTube connector against recorded Data API v3 answers", () => {
  const yt = CONNECTORS.youtube;
  const channel = {
    path: "/youtube/v3/channels",
    query: { forHandle: "@googledevelopers" },
    answer: { body: recording("youtube/channels") },
  };
  const videos = (url: URL) => {
    const wanted = new Set((url.searchParams.get("id") ?? "").split(","));
    const all = recording<{ items: { id: string }[] }>("youtube/videos");
    return { body: { ...all, items: all.items.filter((v) => wanted.has(v.id)) } };
  };
  const googleError = (name: string, status: number) => ({ status, body: recording(`youtube/${name}`) });

  it("reads a channel's subscribers and videos from channels.list", async () => {
    server.routes.push(channel);
    const m = await yt.fetchAccountMetrics(ctx({ handle: "googledevelopers" }));
    expect(m).toEqual({
      platformId: "UC_x5XG1OV2P6uZZ5FSM9Ttw",
      displayName: "Google Developers",
      followers: 2260000,
      following: null,
      postsCount: 5652,
      gaps: [],
    });
    expect(server.requests[0]!.query.key).toBe("token");
  });

  it("records a hidden subscriber count as a gap, never a zero", async () => {
    server.routes.push({ ...channel, answer: { body: recording("youtube/channels_hidden") } });
    const m = await yt.fetchAccountMetrics(ctx({ handle: "googledevelopers" }));
    expect(m.followers).toBeNull();
    expect(m.gaps).toEqual([{ metric: "statistics.subscriberCount", reason: "hidden by the channel" }]);
  });

  it("walks the uploads playlist's two recorded pages, skipping the private video and leaving hidden likes and comments unknown", async () => {
    server.routes.push(
      { path: "/youtube/v3/channels", answer: { body: recording("youtube/channels") } },
      {
        path: "/youtube/v3/playlistItems",
        query: { playlistId: "UU_x5XG1OV2P6uZZ5FSM9Ttw", pageToken: "CAoQAA" },
        answer: { body: recording("youtube/playlist_items_page2") },
      },
      {
        path: "/youtube/v3/playlistItems",
        query: { playlistId: "UU_x5XG1OV2P6uZZ5FSM9Ttw" },
        answer: { body: recording("youtube/playlist_items_page1") },
      },
      { path: "/youtube/v3/videos", answer: videos },
    );
    const c = ctx({ handle: "googledevelopers", platformId: "UC_x5XG1OV2P6uZZ5FSM9Ttw" });
    const first = await yt.fetchPostsPage(c, null, 10);
    expect(first.posts).toHaveLength(9);
    expect(first.posts.map((p) => p.platformPostId)).not.toContain("o5LP2xzKkpg");
    expect(first.posts.find((p) => p.platformPostId === "Yh4EKaUY3gg")).toMatchObject({
      impressions: 1037,
      likes: null,
      replies: 1,
    });
    expect(first.posts.find((p) => p.platformPostId === "S-MbpQiwfls")).toMatchObject({
      impressions: 1074,
      likes: 22,
      replies: null,
    });
    expect(first.posts[0]).toMatchObject({
      platformPostId: "CvTApw9X8aA",
      publishedAt: new Date("2019-11-21T22:17:43.000Z"),
      permalink: "https://www.youtube.com/watch?v=CvTApw9X8aA",
    });
    expect(first.next).toBe("CAoQAA");
    const second = await yt.fetchPostsPage(c, first.next, 10);
    expect(second.posts.map((p) => p.platformPostId)).toEqual(["6aSG8SdvkoU", "ECGpZCFUL8s", "Fu2bldybpkA"]);
    expect(second.next).toBeNull();
    expect(server.unmatched).toEqual([]);
  });

  it("reads a video's comment threads", async () => {
    server.routes.push({
      path: "/youtube/v3/commentThreads",
      query: { videoId: "F1UP7wRCPH8" },
      answer: { body: recording("youtube/comment_threads") },
    });
    const replies = await yt.fetchReplies(ctx(), {
      platformPostId: "F1UP7wRCPH8",
      publishedAt: new Date("2019-11-01T00:00:00Z"),
    });
    expect(replies).toHaveLength(5);
    expect(replies[0]).toMatchObject({
      platformReplyId: "UgyZ1jqkHKYvi1-ruOZ4AaABAg",
      authorHandle: "UCzj-CjKYmGlZ7vTL-vOe57A",
      text: "Google.com",
      publishedAt: new Date("2019-11-26T15:51:44.000Z"),
    });
  });

  it("asks for reconnection when Google says the API key is invalid or revoked (HTTP 400 keyInvalid)", async () => {
    server.routes.push({ path: "/youtube/v3/channels", answer: googleError("error_key_invalid", 400) });
    expect((await failure(yt.fetchAccountMetrics(ctx({ handle: "googledevelopers" })))).kind).toBe("auth");
    // The same answer without its messages, as it is often quoted.
    server.routes.unshift({
      path: "/youtube/v3/channels",
      answer: {
        status: 400,
        body: { error: { errors: [{ domain: "usageLimits", reason: "keyInvalid" }], code: 400 } },
      },
    });
    expect((await failure(yt.fetchAccountMetrics(ctx({ handle: "googledevelopers" })))).kind).toBe("auth");
  });

  it("treats a video with comments turned off as having no replies", async () => {
    server.routes.push({ path: "/youtube/v3/commentThreads", answer: googleError("error_comments_disabled", 403) });
    await expect(yt.fetchReplies(ctx(), { platformPostId: "S-MbpQiwfls", publishedAt: new Date() })).resolves.toEqual(
      [],
    );
  });

  it("waits for the daily quota's reset at midnight Pacific time", async () => {
    server.routes.push({ path: "/youtube/v3/channels", answer: googleError("error_quota", 403) });
    const error = await failure(yt.fetchAccountMetrics(ctx({ handle: "googledevelopers" })));
    expect(error.kind).toBe("quota");
    const pacific = new Intl.DateTimeFormat("en-GB", {
      timeZone: "America/Los_Angeles",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(error.resetAt!);
    expect(pacific).toBe("00:00");
    expect(error.resetAt!.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3_600_000);
  });

  it("backs off on a per-user rate limit, which Google sends without a reset header", async () => {
    server.routes.push({ path: "/youtube/v3/channels", answer: googleError("error_user_rate", 403) });
    const error = await failure(yt.fetchAccountMetrics(ctx({ handle: "googledevelopers" })));
    expect(error.kind).toBe("rate_limited");
    expect(error.resetAt!.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("Mastodon connector against recorded Mastodon answers", () => {
  const m = CONNECTORS.mastodon;
  const page1 = recording<{ id: string }[]>("mastodon/statuses_page1");
  const limits = (remaining: number, reset: Date) => ({
    "x-ratelimit-limit": "300",
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-reset": isoMicros(reset),
  });

  it("reads an account's audience from accounts/lookup", async () => {
    server.routes.push({
      path: "/api/v1/accounts/lookup",
      query: { acct: "Gargron" },
      answer: { body: recording("mastodon/account_lookup"), headers: limits(299, new Date(Date.now() + 300_000)) },
    });
    expect(await m.fetchAccountMetrics(ctx({ handle: "Gargron" }))).toEqual({
      platformId: "1",
      displayName: "Eugen",
      followers: 322930,
      following: 459,
      postsCount: 61323,
      gaps: [],
    });
  });

  it("follows the Link header through the two recorded pages of statuses, with nullable url and language", async () => {
    expect(recordingSource("mastodon/statuses_page1")).toMatch(/rel="next"/);
    const nextId = page1.at(-1)!.id;
    const link = `<${server.url}/api/v1/accounts/1/statuses?max_id=${nextId}>; rel="next", <${server.url}/api/v1/accounts/1/statuses?min_id=${page1[0]!.id}>; rel="prev"`;
    server.routes.push(
      {
        path: "/api/v1/accounts/1/statuses",
        query: { max_id: nextId },
        answer: {
          body: recording("mastodon/statuses_page2"),
          headers: {
            ...limits(298, new Date(Date.now() + 300_000)),
            link: `<${server.url}/api/v1/accounts/1/statuses?min_id=103260000000000000>; rel="prev"`,
          },
        },
      },
      {
        path: "/api/v1/accounts/1/statuses",
        answer: { body: page1, headers: { ...limits(299, new Date(Date.now() + 300_000)), link } },
      },
    );
    const c = ctx({ handle: "Gargron", platformId: "1" });
    const first = await m.fetchPostsPage(c, null, 40);
    expect(first.posts.map((p) => p.platformPostId)).toEqual(page1.map((s) => s.id));
    expect(first.posts[0]).toMatchObject({
      likes: 11,
      reposts: 6,
      replies: 5,
      quotes: 2,
      permalink: "https://mastodon.social/@Gargron/103270115826048975",
    });
    expect(first.posts[0]!.text).toMatch(/^"I lost my inheritance/);
    expect(first.posts[1]!.permalink).toBeNull();
    expect(first.next).toBe(nextId);
    const second = await m.fetchPostsPage(c, first.next, 40);
    expect(second.posts.map((p) => p.platformPostId)).toEqual(["103260000000000000"]);
    expect(second.next).toBeNull();
    expect(server.unmatched).toEqual([]);
  });

  it("reads the replies of a status from its context, remote authors with their full address", async () => {
    server.routes.push({
      path: "/api/v1/statuses/103270115826048975/context",
      answer: { body: recording("mastodon/context") },
    });
    const replies = await m.fetchReplies(ctx({ handle: "Gargron", platformId: "1" }), {
      platformPostId: "103270115826048975",
      publishedAt: new Date("2019-12-08T03:48:33.901Z"),
    });
    expect(replies).toEqual([
      expect.objectContaining({
        platformReplyId: "103270200000000000",
        authorHandle: "trwnh@mastodon.social",
        text: "a reply",
        language: "en",
      }),
    ]);
  });

  it("asks for reconnection on Mastodon's 401", async () => {
    server.routes.push({
      path: "/api/v1/accounts/lookup",
      answer: { status: 401, body: recording("mastodon/error_401") },
    });
    expect((await failure(m.fetchAccountMetrics(ctx({ handle: "Gargron" })))).kind).toBe("auth");
  });

  it("reads the ISO-8601 reset of Mastodon's 429 and calls the instance no more before it", async () => {
    const reset = new Date(Math.ceil((Date.now() + 180_000) / 1000) * 1000 + 123);
    server.routes.push({
      path: /^\/api\/v1\//,
      answer: { status: 429, body: recording("mastodon/error_429"), headers: limits(0, reset) },
    });
    const error = await failure(m.fetchAccountMetrics(ctx({ handle: "Gargron" })));
    expect(error.kind).toBe("rate_limited");
    expect(error.resetAt).toEqual(reset);
    await refusedWithoutACall(
      "mastodon",
      () => m.fetchPostsPage(ctx({ handle: "other", platformId: "2" }), null, 40),
      reset,
    );
  });
});

// ---- Platforms without recordings: the bodies their own documentation publishes ------------------

describe("Facebook connector against the Graph API's documented answers", () => {
  const fb = CONNECTORS.facebook;
  // GET /{page-id}?fields=… and the insights_result shape, as in the Pages API reference.
  const pageBody = { id: "1234567890", name: "Testetaten", followers_count: 15230, fan_count: 14001 };
  const insights = (names: string[]) => ({
    data: names.map((name) => ({
      name,
      period: "day",
      values: [
        { value: 1000, end_time: "2026-01-02T08:00:00+0000" },
        { value: 1200, end_time: "2026-01-03T08:00:00+0000" },
      ],
      title: name,
      description: name,
      id: `1234567890/insights/${name}/day`,
    })),
    paging: {
      previous: "https://graph.facebook.com/v25.0/1234567890/insights?since=1&until=2",
      next: "https://graph.facebook.com/v25.0/1234567890/insights?since=3&until=4",
    },
  });
  const fbError = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
    error: { message, type: "OAuthException", code, ...extra, fbtrace_id: "AbCdEf" },
  });
  const buc = (minutes: number, pageId = "1234567890") => ({
    "x-business-use-case-usage": JSON.stringify({
      [pageId]: [
        { type: "pages", call_count: 100, total_cputime: 25, total_time: 25, estimated_time_to_regain_access: minutes },
      ],
    }),
  });
  const page = ctx({ handle: "testetaten", platformId: "1234567890" });

  it("reads followers and daily media views of a Page", async () => {
    server.routes.push(
      { path: "/v25.0/1234567890", answer: { body: pageBody } },
      {
        path: "/v25.0/1234567890/insights",
        answer: { body: insights(["page_media_view", "page_total_media_view_unique"]) },
      },
    );
    const m = await fb.fetchAccountMetrics(page, { since: "2026-01-01", until: "2026-01-03" });
    expect(m).toMatchObject({ platformId: "1234567890", followers: 15230, gaps: [] });
    expect(m.daily).toEqual([
      { day: "2026-01-01", impressions: 1000, reach: 1000 },
      { day: "2026-01-02", impressions: 1200, reach: 1200 },
    ]);
  });

  it("keeps the follower count and records a series break when Insights rejects a retired metric for the whole call", async () => {
    server.routes.push(
      { path: "/v25.0/1234567890", answer: { body: pageBody } },
      {
        path: "/v25.0/1234567890/insights",
        answer: (url) => {
          const metrics = (url.searchParams.get("metric") ?? "").split(",");
          return metrics.includes("page_total_media_view_unique")
            ? { status: 400, body: fbError(100, "(#100) The value must be a valid insights metric") }
            : { body: insights(metrics) };
        },
      },
    );
    const m = await fb.fetchAccountMetrics(page, { since: "2026-01-01", until: "2026-01-03" });
    expect(m.followers).toBe(15230);
    expect(m.daily).toEqual([
      { day: "2026-01-01", impressions: 1000 },
      { day: "2026-01-02", impressions: 1200 },
    ]);
    expect(m.gaps).toEqual([
      { metric: "insights.page_total_media_view_unique", reason: expect.stringMatching(/valid insights metric/) },
    ]);
  });

  it("asks for reconnection on an expired Page token (code 190)", async () => {
    server.routes.push({
      path: "/v25.0/1234567890",
      answer: {
        status: 400,
        body: fbError(190, "Error validating access token: Session has expired on Saturday, 24-Mar-18 05:00:00 PDT.", {
          error_subcode: 463,
        }),
      },
    });
    expect((await failure(fb.fetchAccountMetrics(page))).kind).toBe("auth");
  });

  it.each([
    [4, "(#4) Application request limit reached", 403, "the whole app"],
    [17, "(#17) User request limit reached", 400, "the whole app"],
    [32, "(#32) Page request limit reached", 400, "this Page"],
    [
      80001,
      "(#80001) There have been too many calls to this Page account. Wait a bit and try again.",
      400,
      "this Page",
    ],
  ])(
    "waits out throttle code %i (%s) for the estimated time in X-Business-Use-Case-Usage, calling nothing that limit covers before it",
    async (code, message, status, scope) => {
      server.routes.push({ path: /^\/v25\.0\//, answer: { status, body: fbError(code, message), headers: buc(19) } });
      const before = Date.now();
      const error = await failure(fb.fetchAccountMetrics(page));
      expect(["rate_limited", "quota"]).toContain(error.kind);
      expect(error.resetAt!.getTime()).toBeGreaterThanOrEqual(before + 19 * 60_000);
      expect(error.resetAt!.getTime()).toBeLessThan(Date.now() + 20 * 60_000);
      // The same Page is never called again before the reset, whatever is asked of it.
      const sent = server.requests.length;
      expect((await failure(fb.fetchPostsPage(page, null, 25))).resetAt).toEqual(error.resetAt);
      expect(
        (await failure(fb.fetchReplies(page, { platformPostId: "1234567890_111", publishedAt: new Date() }))).resetAt,
      ).toEqual(error.resetAt);
      expect(server.requests.length).toBe(sent);
      // An app-wide limit stops every Page; a Page's own limit stops only that Page.
      const other = ctx({ handle: "andre", platformId: "555" });
      if (scope === "the whole app")
        await refusedWithoutACall("facebook", () => fb.fetchAccountMetrics(other), error.resetAt!);
      else await expect(fb.fetchAccountMetrics(other)).rejects.toThrow();
      if (scope === "this Page") expect(server.requests.length).toBe(sent + 1);
    },
  );

  it("stops calling before the platform refuses when X-App-Usage reaches 100 %", async () => {
    server.routes.push(
      { path: "/v25.0/1234567890", answer: { body: pageBody } },
      {
        path: "/v25.0/1234567890/insights",
        answer: {
          body: insights(["page_media_view", "page_total_media_view_unique"]),
          headers: { "x-app-usage": JSON.stringify({ call_count: 100, total_time: 25, total_cputime: 25 }) },
        },
      },
    );
    expect((await fb.fetchAccountMetrics(page)).followers).toBe(15230);
    const sent = server.requests.length;
    expect((await failure(fb.fetchAccountMetrics(ctx({ handle: "andre", platformId: "555" })))).kind).toBe(
      "rate_limited",
    );
    expect(server.requests.length).toBe(sent);
  });
});

describe("Flickr connector against Flickr's documented answers", () => {
  const fl = CONNECTORS.flickr;
  const c = ctx({ handle: "andreipostolache", platformId: "154611951@N04" });
  const route = (method: string, body: unknown) => ({
    path: "/services/rest/",
    query: { method, format: "json", nojsoncallback: "1" },
    answer: { body },
  });

  it("reads the photo count of a live people.getInfo answer, where numbers come as numbers", async () => {
    server.routes.push(
      route("flickr.people.getInfo", {
        person: {
          id: "154611951@N04",
          nsid: "154611951@N04",
          ispro: 0,
          has_stats: 0,
          username: { _content: "andreipostolache" },
          photosurl: { _content: "https://www.flickr.com/photos/andreipostolache/" },
          photos: {
            firstdatetaken: { _content: "2016-09-22 15:39:47" },
            firstdate: { _content: "1514845181" },
            count: { _content: 46 },
          },
        },
        stat: "ok",
      }),
    );
    expect(await fl.fetchAccountMetrics(c)).toEqual({
      platformId: "154611951@N04",
      displayName: null,
      followers: null,
      following: null,
      postsCount: 46,
      gaps: [],
    });
  });

  it("reads a photo's comments", async () => {
    server.routes.push(
      route("flickr.photos.comments.getList", {
        comments: {
          photo_id: "109722179",
          comment: [
            {
              id: "6065-109722179-72057594077818641",
              author: "35468159852@N01",
              authorname: "Rev Dan Catt",
              datecreate: "1141841470",
              permalink: "http://www.flickr.com/photos/straup/109722179/#comment72057594077818641",
              _content: "Umm, I'm not sure, can I get back to you on that one?",
            },
          ],
        },
        stat: "ok",
      }),
    );
    const replies = await fl.fetchReplies(c, { platformPostId: "109722179", publishedAt: new Date() });
    expect(replies).toEqual([
      expect.objectContaining({
        platformReplyId: "6065-109722179-72057594077818641",
        authorHandle: "35468159852@N01",
        publishedAt: new Date(1141841470 * 1000),
      }),
    ]);
  });

  it.each([
    [100, "Invalid API Key (Key has invalid format)", "auth"],
    [98, "Invalid auth token", "auth"],
    [105, "Service currently unavailable", "transient"],
    [112, 'Method "flickr.photos.doesNotExist" not found', "malformed"],
  ])("turns stat=fail code %i into a %s… error", async (code, message, kind) => {
    server.routes.push(route("flickr.people.getInfo", { stat: "fail", code, message }));
    expect((await failure(fl.fetchAccountMetrics(c))).kind).toBe(kind);
  });
});

describe("Bluesky connector against the AppView's documented answers", () => {
  const bs = CONNECTORS.bluesky;
  const c = ctx({ handle: "bsky.app", token: null });
  const profile = {
    did: "did:plc:z72i7hdynmk6r22z27h6tvur",
    handle: "bsky.app",
    displayName: "Bluesky",
    followersCount: 35471536,
    followsCount: 5,
    postsCount: 907,
    createdAt: "2023-04-12T04:53:57.057Z",
    labels: [],
  };

  it("reads a profile's audience", async () => {
    server.routes.push({
      path: "/xrpc/app.bsky.actor.getProfile",
      query: { actor: "bsky.app" },
      answer: { body: profile },
    });
    expect(await bs.fetchAccountMetrics(c)).toEqual({
      platformId: profile.did,
      displayName: "Bluesky",
      followers: 35471536,
      following: 5,
      postsCount: 907,
      gaps: [],
    });
  });

  it("reads the author feed with its cursor", async () => {
    server.routes.push({
      path: "/xrpc/app.bsky.feed.getAuthorFeed",
      answer: {
        body: {
          feed: [
            {
              post: {
                uri: "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3kabc",
                cid: "bafyabc",
                author: { did: "did:plc:z72i7hdynmk6r22z27h6tvur", handle: "bsky.app" },
                record: { $type: "app.bsky.feed.post", text: "hello", createdAt: "2026-01-02T10:00:00.000Z" },
                replyCount: 3,
                repostCount: 5,
                likeCount: 40,
                quoteCount: 1,
                bookmarkCount: 0,
                indexedAt: "2026-01-02T10:00:01.000Z",
                labels: [],
              },
            },
          ],
          cursor: "2026-01-02T10:00:00.000Z",
        },
      },
    });
    const page = await bs.fetchPostsPage(c, null, 50);
    expect(page.posts).toEqual([
      expect.objectContaining({
        platformPostId: "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3kabc",
        likes: 40,
        reposts: 5,
        replies: 3,
        quotes: 1,
        permalink: "https://bsky.app/profile/bsky.app/post/3kabc",
      }),
    ]);
    expect(page.next).toBe("2026-01-02T10:00:00.000Z");
  });

  it("says an unknown profile is not found", async () => {
    server.routes.push({
      path: "/xrpc/app.bsky.actor.getProfile",
      answer: { status: 400, body: { error: "InvalidRequest", message: "Profile not found" } },
    });
    expect((await failure(bs.fetchAccountMetrics(c))).kind).toBe("not_found");
  });

  it("treats a post deleted since it was listed as having no replies", async () => {
    server.routes.push({
      path: "/xrpc/app.bsky.feed.getPostThread",
      answer: {
        status: 400,
        body: { error: "NotFound", message: "Post not found: at://did:plc:x/app.bsky.feed.post/3kabc" },
      },
    });
    await expect(
      bs.fetchReplies(c, { platformPostId: "at://did:plc:x/app.bsky.feed.post/3kabc", publishedAt: new Date() }),
    ).resolves.toEqual([]);
  });

  it("reads the epoch reset of a 429 and calls no more before it", async () => {
    const reset = epochIn(240_000);
    server.routes.push({
      path: /^\/xrpc\//,
      answer: {
        status: 429,
        body: { error: "RateLimitExceeded", message: "Rate Limit Exceeded" },
        headers: {
          "ratelimit-limit": "3000",
          "ratelimit-remaining": "0",
          "ratelimit-reset": String(reset),
          "ratelimit-policy": "3000;w=300",
        },
      },
    });
    const error = await failure(bs.fetchAccountMetrics(c));
    expect(error).toMatchObject({ kind: "rate_limited", resetAt: new Date(reset * 1000) });
    await refusedWithoutACall(
      "bluesky",
      () => bs.fetchAccountMetrics(ctx({ handle: "other.bsky.social", token: null })),
      new Date(reset * 1000),
    );
  });
});
