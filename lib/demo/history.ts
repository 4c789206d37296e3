import { createHash } from "node:crypto";
import type { DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import type { PostInput } from "@/lib/ingest/posts";
import type { ReplyInput } from "@/lib/ingest/replies";
import { addDays, dayToDate, daysBetween, localTimeToInstant, type Day } from "@/lib/time";
import type { DemoAccount } from "./catalog";
import { normal, poisson, rngFor, type Rng } from "./random";
import { citizenHandle, postText, replyText } from "./texts";

/** Days before `today` for which demo posts and replies exist (the rollups cover the whole history). */
export const POST_WINDOW_DAYS = 400;
const REFORM_PERIOD: [Day, Day] = ["2010-03-01", "2011-12-31"];

type Ids = { agencyId: string; accountId: string; timeZone: string };

/**
 * Audience per day: passes exactly through each anchor, with day-to-day growth that varies with
 * the weekday, noise and the odd incident spike. After the last anchor it keeps the last pace.
 */
export function audienceCurve(account: DemoAccount, until: Day): Map<Day, number> {
  const out = new Map<Day, number>();
  const anchors = account.anchors;
  if (!anchors) return out;
  const rng = rngFor(`audience:${account.handle}`);
  const weight = (day: Day) => {
    const weekday = dayToDate(day).getUTCDay();
    const spike = rng() < 1 / 45 ? 4 + rng() * 16 : 1;
    return Math.exp(0.35 * normal(rng)) * (weekday === 0 || weekday === 6 ? 0.7 : 1.1) * spike;
  };
  let level = anchors[0]![1];
  out.set(anchors[0]![0], level);
  const segments: [Day, number, Day, number][] = anchors
    .slice(1)
    .map((a, i) => [anchors[i]![0], anchors[i]![1], a[0], a[1]]);
  const [lastDay, lastLevel] = anchors.at(-1)!;
  const before = anchors.at(-2);
  const pace = before ? (lastLevel - before[1]) / daysBetween(before[0], lastDay) : 0;
  if (until > lastDay) segments.push([lastDay, lastLevel, until, lastLevel + pace * daysBetween(lastDay, until)]);
  for (const [from, fromLevel, to, toLevel] of segments) {
    const n = daysBetween(from, to);
    const weights = Array.from({ length: n }, (_, i) => weight(addDays(from, i + 1)));
    const total = weights.reduce((a, b) => a + b, 0);
    level = fromLevel;
    weights.forEach((w, i) => {
      level += ((toLevel - fromLevel) * w) / total;
      const day = addDays(from, i + 1);
      if (day <= until) out.set(day, Math.round(level));
    });
  }
  return out;
}

function contentKind(account: DemoAccount): "ops" | "news" | "health" {
  if (account.oneWay) return "ops";
  return ["helseomsorgdep", "helseogomsorgsdepartementet", "HODdep", "helseogomsorg", "helsedir"].includes(
    account.handle,
  )
    ? "health"
    : "news";
}

function inPostWindow(day: Day, today: Day): boolean {
  return daysBetween(day, today) <= POST_WINDOW_DAYS || (day >= REFORM_PERIOD[0] && day <= REFORM_PERIOD[1]);
}

export type DemoHistory = { metrics: DailyMetricInput[]; posts: PostInput[]; replies: ReplyInput[] };

/** The whole demo history of one channel up to (not including) `today`. */
export function accountHistory(
  account: DemoAccount,
  ids: Ids,
  today: Day,
  startFallback: Day = "2010-03-01",
): DemoHistory {
  const yesterday = addDays(today, -1);
  const audience = audienceCurve(account, yesterday);
  const start = account.anchors?.[0]?.[0] ?? startFallback;
  const rng: Rng = rngFor(`activity:${account.handle}`);
  // A stream of its own, so posts' shares of the day leave every other demo figure as it was.
  const shareRng: Rng = rngFor(`post-shares:${account.handle}`);
  const kind = contentKind(account);
  const social = account.platform !== "email" && account.platform !== "app_push";
  const history: DemoHistory = { metrics: [], posts: [], replies: [] };
  const inGap = (day: Day) => account.gaps?.some(([a, b]) => day >= a && day <= b) ?? false;

  for (let day = start; day <= yesterday; day = addDays(day, 1)) {
    const weekday = dayToDate(day).getUTCDay();
    const busy = account.oneWay
      ? weekday === 5 || weekday === 6
        ? 1.4
        : 1
      : weekday === 0 || weekday === 6
        ? 0.3
        : 1.2;
    const postsToday = poisson(rng, account.postsPerDay * busy);
    const followers = audience.get(day) ?? null;
    const incident = rng() < 1 / 30 ? 3 + rng() * 5 : 1;
    let dayReplies = 0;
    let impressions: number | null = null;
    if (social) {
      const base =
        account.platform === "flickr"
          ? 60 + 240 * rng()
          : (followers ?? 0) * account.reachFactor * Math.sqrt(postsToday + 0.3);
      impressions = Math.round(base * Math.exp(0.25 * normal(rng)) * incident);
    }
    if (social && inPostWindow(day, today)) {
      const shares = postShares(impressions, postsToday, shareRng);
      for (let k = 0; k < postsToday; k++) {
        const hour = account.oneWay ? Math.floor(rng() * 24) : 8 + Math.floor(rng() * 8);
        const publishedAt = localTimeToInstant(day, hour, Math.floor(rng() * 60), ids.timeZone);
        const id = platformId(account, `${account.handle}-${day.replaceAll("-", "")}-${k}`);
        const replyCount = poisson(rng, account.repliesPerPost * incident);
        dayReplies += replyCount;
        const postImpressions = shares[k] ?? null;
        history.posts.push({
          ...ids,
          platformPostId: id,
          publishedAt,
          text: postText(kind, rng),
          permalink: permalink(account, id),
          impressions: postImpressions,
          likes: Math.round((postImpressions ?? 200) * 0.012 * Math.exp(0.5 * normal(rng))),
          reposts: Math.round((postImpressions ?? 200) * 0.003 * Math.exp(0.5 * normal(rng))),
          replies: replyCount,
          quotes: poisson(rng, 0.3),
          metricsCollectedAt: new Date(publishedAt.getTime() + 86_400_000),
        });
        for (let j = 0; j < replyCount; j++) {
          const replyId = platformId(account, `${rkey(id)}-r${j}`);
          history.replies.push({
            ...ids,
            platformPostId: id,
            platformReplyId: replyId,
            authorHandle: citizenHandle(rng),
            text: replyText(kind, rng),
            publishedAt: new Date(publishedAt.getTime() + Math.round(-Math.log(1 - rng()) * 90 * 60_000)),
            permalink: replyPermalink(account, replyId),
            language: "nb",
          });
        }
      }
    } else {
      dayReplies = social ? poisson(rng, postsToday * account.repliesPerPost) : 0;
    }
    if (inGap(day)) continue;
    const retired = account.impressionsRetiredFrom !== undefined && day >= account.impressionsRetiredFrom;
    history.metrics.push({
      ...ids,
      day,
      followers,
      following: account.platform === "twitter" ? 300 + Math.floor(daysBetween(start, day) / 40) : null,
      postsPublished: social ? postsToday : null,
      impressions: retired ? null : impressions,
      reach: account.platform === "facebook" && impressions !== null ? Math.round(impressions * 0.62) : null,
      engagements: impressions === null ? null : Math.round(impressions * 0.018 * Math.exp(0.3 * normal(rng))),
      repliesReceived: social ? dayReplies : null,
    });
  }
  return history;
}

/**
 * The id a platform gives a post: Bluesky's is the whole at-uri (the sandbox's account id is
 * `<platform>-<handle>`, its DID made from that), so live collection continues these posts.
 */
function platformId(account: DemoAccount, id: string): string {
  return account.platform === "bluesky"
    ? `at://did:plc:${`bluesky-${account.handle}`.replace(/[^a-z0-9]/gi, "").toLowerCase()}/app.bsky.feed.post/${id}`
    : id;
}

/** The last segment of an id (a Bluesky at-uri's record key; other ids are their own). */
export const rkey = (id: string) => id.split("/").at(-1)!;

/** A citizen's reply: on X a status id of digits (the demo's ids are not), so the link names no one. */
function replyPermalink(account: DemoAccount, replyId: string): string {
  if (account.platform !== "twitter") return permalink(account, replyId);
  return `https://x.com/i/web/status/${BigInt(`0x${createHash("sha256").update(replyId).digest("hex").slice(0, 15)}`)}`;
}

/**
 * The day's impressions shared among its posts: each post gets its own plausible figure (a
 * log-normal weight — a few posts draw most of the views), and the shares add up exactly to the
 * day's figure, so posts can be ranked and still agree with the channel's daily total.
 */
export function postShares(total: number | null, posts: number, rng: Rng): (number | null)[] {
  if (total === null || posts === 0) return Array.from({ length: posts }, () => null);
  const weights = Array.from({ length: posts }, () => Math.exp(0.9 * normal(rng)));
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  const biggest = weights.indexOf(Math.max(...weights));
  shares[biggest]! += total - shares.reduce((a, b) => a + b, 0);
  return shares;
}

/**
 * Demo links are example links, and say so: example.com is reserved for examples (RFC 2606) and
 * its page says it is one; the path names the platform and channel the post stands for.
 */
function permalink(account: DemoAccount, id: string): string {
  return demoPermalink(account.platform, account.handle, id);
}

export function demoPermalink(platform: string, handle: string, id: string): string {
  return `https://example.com/kanalmaaling-demo/${platform}/${encodeURIComponent(handle)}/${encodeURIComponent(id)}`;
}
