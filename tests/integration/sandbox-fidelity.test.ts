import { describe, expect, it } from "vitest";
import type { SocialPlatform } from "@/lib/platforms/types";
import type { Fault } from "@/lib/sandbox/faults";
import { recording } from "../helpers/recordings";
import { useSandbox } from "../helpers/sandbox";

/**
 * The sandbox must answer as the real platforms do: for the same requests, its bodies have only
 * keys the recorded answers have, with the same JSON types; its errors have the recorded status and
 * envelope; its rate-limit headers have the recorded names and formats. A key the platform does not
 * send, or a header it does not send, fails here.
 */
const s = useSandbox();

type Shape = { types: Set<string>; keys?: Map<string, Shape>; items?: Shape };
const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** The shape of a JSON value; the elements of an array are merged into one shape (fields may be null in some). */
function shapeOf(value: unknown, into: Shape = { types: new Set() }): Shape {
  into.types.add(kind(value));
  if (Array.isArray(value)) {
    into.items ??= { types: new Set() };
    for (const v of value) shapeOf(v, into.items);
  } else if (value && typeof value === "object") {
    into.keys ??= new Map();
    for (const [k, v] of Object.entries(value)) into.keys.set(k, shapeOf(v, into.keys.get(k) ?? { types: new Set() }));
  }
  return into;
}

/** Where the sandbox's value differs from the recorded shape: a key it has no business sending, or another type. */
function differences(value: unknown, real: Shape, at = "body"): string[] {
  const t = kind(value);
  if (!real.types.has(t)) return [`${at}: ${t} where the platform sends ${[...real.types].join("|")}`];
  if (t === "array")
    return real.items ? (value as unknown[]).flatMap((v, i) => differences(v, real.items!, `${at}[${i}]`)) : [];
  if (t !== "object") return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const r = real.keys?.get(k);
    return r ? differences(v, r, `${at}.${k}`) : [`${at}.${k}: not sent by the platform`];
  });
}

const call = async (platform: SocialPlatform, path: string) => {
  const res = await fetch(`${s.sandbox.baseUrl(platform)}${path}`, { headers: { authorization: "Bearer sandbox" } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
};
/** The body has the shape of the recorded answer (of any of them: the pages of one list differ in their paging fields). */
const like = (body: unknown, ...names: string[]) => {
  const real: Shape = { types: new Set() };
  for (const name of names) shapeOf(recording(name), real);
  expect(differences(body, real), names.join(" + ")).toEqual([]);
};

const EPOCH = /^\d{10}$/;
// Rails' iso8601(6): 2026-11-26T07:11:24.123456Z
const ISO_MICROS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
/** The headers a platform answer may carry: HTTP's own, and what the platform documents or was recorded sending. */
const HTTP = ["content-type", "content-length", "date", "connection", "keep-alive", "transfer-encoding"];
const onlyKnownHeaders = (headers: Headers, platform: string[]) =>
  expect([...headers.keys()].filter((h) => !HTTP.includes(h) && !platform.includes(h))).toEqual([]);

async function fault(platform: SocialPlatform, kind: Fault["kind"], path: string) {
  s.sandbox.fault({ platform, kind, resetInMs: 60_000 });
  return call(platform, path);
}

describe("the sandbox's X answers", () => {
  const X_HEADERS = ["x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"];

  it("have the shapes of X's recorded user, timeline and search answers", async () => {
    const user = await call("twitter", "/2/users/by/username/etat_twitter?user.fields=public_metrics,created_at");
    like(user.body, "twitter/user_by_username");
    const id = (user.body as { data: { id: string } }).data.id;
    const fields = "tweet.fields=created_at,conversation_id,public_metrics,author_id,lang";
    const page1 = await call("twitter", `/2/users/${id}/tweets?max_results=10&${fields}`);
    like(page1.body, "twitter/users_tweets_page1", "twitter/users_tweets_page2");
    const next = (page1.body as { meta: { next_token: string } }).meta.next_token;
    expect(next).toEqual(expect.any(String));
    const last = await call("twitter", `/2/users/${id}/tweets?max_results=10&${fields}&pagination_token=${next}`);
    like(last.body, "twitter/users_tweets_page1", "twitter/users_tweets_page2");
    const post = (page1.body as { data: { id: string }[] }).data[0]!.id;
    const search = await call(
      "twitter",
      `/2/tweets/search/recent?query=conversation_id:${post}&${fields}&expansions=author_id&user.fields=username,name`,
    );
    like(search.body, "twitter/search_recent_conversation");
    for (const r of [user, page1, search]) {
      expect(r.headers.get("x-rate-limit-reset")).toMatch(EPOCH);
      onlyKnownHeaders(r.headers, X_HEADERS);
    }
  });

  it("refuse with X's recorded 401, 429 (with x-rate-limit-remaining 0 and an epoch reset) and usage cap", async () => {
    const path = "/2/users/by/username/etat_twitter";
    const expired = await fault("twitter", "expired_token", path);
    expect(expired.status).toBe(401);
    like(expired.body, "twitter/error_401");
    const limited = await fault("twitter", "rate_limit", path);
    expect(limited.status).toBe(429);
    like(limited.body, "twitter/error_429");
    expect(limited.headers.get("x-rate-limit-remaining")).toBe("0");
    expect(limited.headers.get("x-rate-limit-reset")).toMatch(EPOCH);
    onlyKnownHeaders(limited.headers, X_HEADERS);
    const capped = await fault("twitter", "quota", path);
    expect(capped.status).toBe(429);
    like(capped.body, "twitter/error_usage_capped");
    expect(Object.keys(capped.body as object).sort()).toEqual(
      Object.keys(recording("twitter/error_usage_capped") as object).sort(),
    );
  });
});

describe("the sandbox's YouTube answers", () => {
  it("have the shapes of Google's recorded channels, playlistItems, videos and commentThreads answers, without rate-limit headers", async () => {
    const channels = await call(
      "youtube",
      "/youtube/v3/channels?part=snippet,statistics,contentDetails&forHandle=@etat_youtube&key=k",
    );
    like(channels.body, "youtube/channels");
    const uploads = (channels.body as { items: { contentDetails: { relatedPlaylists: { uploads: string } } }[] })
      .items[0]!.contentDetails.relatedPlaylists.uploads;
    const playlist = await call(
      "youtube",
      `/youtube/v3/playlistItems?part=snippet,contentDetails&playlistId=${uploads}&maxResults=10&key=k`,
    );
    like(playlist.body, "youtube/playlist_items_page1");
    const ids = (playlist.body as { items: { contentDetails: { videoId: string } }[] }).items.map(
      (i) => i.contentDetails.videoId,
    );
    const videos = await call("youtube", `/youtube/v3/videos?part=statistics&id=${ids.join(",")}&key=k`);
    like(videos.body, "youtube/videos");
    const threads = await call(
      "youtube",
      `/youtube/v3/commentThreads?part=snippet&videoId=${ids[0]}&maxResults=100&textFormat=plainText&key=k`,
    );
    like(threads.body, "youtube/comment_threads");
    for (const r of [channels, playlist, videos, threads]) onlyKnownHeaders(r.headers, []);
  });

  it("refuse with Google's recorded keyInvalid, userRateLimitExceeded, quotaExceeded and commentsDisabled errors", async () => {
    const path = "/youtube/v3/channels?part=statistics&forHandle=@etat_youtube&key=k";
    for (const [kind, status, name] of [
      ["expired_token", 400, "error_key_invalid"],
      ["rate_limit", 403, "error_user_rate"],
      ["quota", 403, "error_quota"],
    ] as const) {
      const r = await fault("youtube", kind, path);
      expect(r.status, name).toBe(status);
      like(r.body, `youtube/${name}`);
      expect((r.body as { error: { errors: { reason: string }[] } }).error.errors[0]!.reason).toBe(
        (recording(`youtube/${name}`) as { error: { errors: { reason: string }[] } }).error.errors[0]!.reason,
      );
      onlyKnownHeaders(r.headers, []);
    }
    const channels = await call("youtube", path);
    const uploads = `UU-etat_youtube`;
    expect(channels.status).toBe(200);
    const playlist = await call("youtube", `/youtube/v3/playlistItems?part=contentDetails&playlistId=${uploads}&key=k`);
    const video = (playlist.body as { items: { contentDetails: { videoId: string } }[] }).items[0]!.contentDetails
      .videoId;
    s.sandbox.fault({ platform: "youtube", kind: "comments_disabled", times: Infinity });
    const disabled = await call("youtube", `/youtube/v3/commentThreads?part=snippet&videoId=${video}&key=k`);
    expect(disabled.status).toBe(403);
    expect(disabled.body).toEqual(recording("youtube/error_comments_disabled"));
  });
});

describe("the sandbox's Mastodon answers", () => {
  const M_HEADERS = ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "link"];

  it("have the shapes of Mastodon's recorded account, statuses (paged by Link) and context answers", async () => {
    const account = await call("mastodon", "/api/v1/accounts/lookup?acct=etat_mastodon");
    like(account.body, "mastodon/account_lookup");
    const id = (account.body as { id: string }).id;
    const page1 = await call(
      "mastodon",
      `/api/v1/accounts/${id}/statuses?limit=10&exclude_reblogs=true&exclude_replies=true`,
    );
    like(page1.body, "mastodon/statuses_page1");
    expect(page1.headers.get("link")).toMatch(/^<[^>]+max_id=[^>]+>; rel="next", <[^>]+min_id=[^>]+>; rel="prev"$/);
    const status = (page1.body as { id: string }[])[0]!.id;
    const context = await call("mastodon", `/api/v1/statuses/${status}/context`);
    like(context.body, "mastodon/context");
    for (const r of [account, page1, context]) {
      expect(r.headers.get("x-ratelimit-reset")).toMatch(ISO_MICROS);
      onlyKnownHeaders(r.headers, M_HEADERS);
    }
  });

  it("refuse with Mastodon's recorded 401 and 429 (with an ISO-8601 X-RateLimit-Reset)", async () => {
    const path = "/api/v1/accounts/lookup?acct=etat_mastodon";
    const expired = await fault("mastodon", "expired_token", path);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(recording("mastodon/error_401"));
    const limited = await fault("mastodon", "rate_limit", path);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(recording("mastodon/error_429"));
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("x-ratelimit-reset")).toMatch(ISO_MICROS);
    onlyKnownHeaders(limited.headers, M_HEADERS);
  });
});

describe("the sandbox's Facebook answers (no recordings: the documented ones)", () => {
  it("throttle a Page with X-Business-Use-Case-Usage and its estimated time, never with an invented X-App-Usage", async () => {
    for (const kind of ["rate_limit", "quota"] as const) {
      const r = await fault("facebook", kind, "/v25.0/etat_facebook?fields=id,name,followers_count");
      expect([32, 80001]).toContain((r.body as { error: { code: number } }).error.code);
      expect(r.headers.get("x-app-usage")).toBeNull();
      const usage = JSON.parse(r.headers.get("x-business-use-case-usage")!) as Record<
        string,
        { estimated_time_to_regain_access: number }[]
      >;
      expect(Object.keys(usage)).toEqual(["etat_facebook"]);
      expect(usage.etat_facebook![0]!.estimated_time_to_regain_access).toBeGreaterThan(0);
    }
  });

  it("reject the whole Insights call when a metric is retired, with the Graph API's code 100", async () => {
    s.sandbox.fault({ platform: "facebook", kind: "retire_metric", times: Infinity });
    const r = await call(
      "facebook",
      "/v25.0/etat_facebook/insights?metric=page_media_view,page_total_media_view_unique&period=day",
    );
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      error: { code: 100, message: "(#100) The value must be a valid insights metric", type: "OAuthException" },
    });
  });
});
