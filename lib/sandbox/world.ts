import { DEMO_AGENCIES, type DemoAccount } from "@/lib/demo/catalog";
import { accountHistory, audienceCurve, rkey } from "@/lib/demo/history";
import { rngFor, poisson } from "@/lib/demo/random";
import { citizenHandle, postText, replyText } from "@/lib/demo/texts";
import { SOCIAL_PLATFORMS, type SocialPlatform } from "@/lib/platforms/types";
import { addDays, localDay, localTimeToInstant, type Day } from "@/lib/time";

export type SandboxReply = { id: string; author: string; authorName: string; text: string; publishedAt: Date };
export type SandboxPost = {
  id: string;
  publishedAt: Date;
  text: string;
  impressions: number;
  likes: number;
  reposts: number;
  quotes: number;
  replies: SandboxReply[];
};

/** One account as the fake platform knows it. Posts are newest first; only those published by `now` are served. */
export type SandboxAccount = {
  platform: SocialPlatform;
  handle: string;
  id: string;
  displayName: string;
  followers: (now: Date) => number;
  following: number;
  posts: (now: Date) => SandboxPost[];
};

export type SandboxWorld = { accounts: SandboxAccount[] };

export function findAccount(world: SandboxWorld, platform: SocialPlatform, key: string): SandboxAccount | undefined {
  const k = key.replace(/^@/, "").toLowerCase();
  // A Mastodon handle is user@instance; the instance's own API also knows it as plain user.
  const local = (h: string) => (platform === "mastodon" ? h.split("@")[0]! : h);
  return world.accounts.find(
    (a) =>
      a.platform === platform &&
      (a.handle.toLowerCase() === k || local(a.handle.toLowerCase()) === local(k) || a.id.toLowerCase() === k),
  );
}

/** A small deterministic account for tests: `posts` posts an hour apart, `repliesPerPost` replies each. */
export function testAccount(
  platform: SocialPlatform,
  handle: string,
  opts: { posts?: number; repliesPerPost?: number; followers?: number; start?: Date; displayName?: string } = {},
): SandboxAccount {
  const start = opts.start ?? new Date(Date.now() - 3 * 86_400_000);
  const posts: SandboxPost[] = Array.from({ length: opts.posts ?? 25 }, (_, i) => {
    const publishedAt = new Date(start.getTime() + i * 3_600_000);
    const id = `${handle}-p${String(i).padStart(4, "0")}`;
    return {
      id,
      publishedAt,
      text: `Innlegg ${i} fra ${handle}`,
      impressions: 1000 + i,
      likes: 10 + i,
      reposts: i,
      quotes: i % 3,
      replies: Array.from({ length: opts.repliesPerPost ?? 2 }, (_, j) => ({
        id: `${id}-r${j}`,
        author: `borger${j}`,
        authorName: `Borger ${j}`,
        text: `Svar ${j} på innlegg ${i}`,
        publishedAt: new Date(publishedAt.getTime() + (j + 1) * 60_000),
      })),
    };
  }).reverse();
  return {
    platform,
    handle,
    id: `${platform}-${handle}-id`,
    displayName: opts.displayName ?? `Test ${handle}`,
    followers: () => opts.followers ?? 5000,
    following: 42,
    posts: (now) => posts.filter((p) => p.publishedAt <= now),
  };
}

/**
 * Accounts on the sandbox platforms that no demo agency has added yet, so a newcomer (and the
 * end-to-end tests) can add a channel on each platform from its address.
 */
export const UNCLAIMED: [SocialPlatform, string, string, number][] = [
  ["twitter", "kriminalomsorg", "Kriminalomsorgen", 8_400],
  ["facebook", "vestpolitidistrikt", "Vest politidistrikt", 41_200],
  ["youtube", "politietnorge", "Politiet", 12_900],
  ["flickr", "politietfoto", "Politiet – bilder", 0],
  ["bluesky", "vestpoliti.bsky.social", "Vest politidistrikt", 2_300],
  ["mastodon", "vestpoliti@mastodon.example", "Vest politidistrikt", 640],
];

/** Days of recent posts the sandbox serves for demo accounts (the demo loader has the years before). */
export const SANDBOX_POST_DAYS = 14;

/**
 * The demo agencies' social accounts as live platform accounts: the audience continues the demo
 * history's curve (yesterday's value moving towards today's through the day, minute by minute), and
 * the recent posts and replies are the demo history's own, so collection continues it without a jump.
 */
export function demoWorld(): SandboxWorld {
  const accounts: SandboxAccount[] = [];
  for (const agency of DEMO_AGENCIES) {
    for (const account of agency.accounts) {
      if (!SOCIAL_PLATFORMS.includes(account.platform as SocialPlatform)) continue;
      accounts.push(demoAccount(account, agency.timeZone));
    }
  }
  return {
    accounts: [
      ...accounts,
      ...UNCLAIMED.map(([platform, handle, displayName, followers]) =>
        testAccount(platform, handle, { displayName, followers, posts: 12, repliesPerPost: 1 }),
      ),
    ],
  };
}

function demoAccount(account: DemoAccount, timeZone: string): SandboxAccount {
  const curveCache = new Map<Day, Map<Day, number>>();
  const postCache = new Map<Day, SandboxPost[]>();
  const curve = (today: Day) => {
    if (!curveCache.has(today)) curveCache.set(today, audienceCurve(account, today));
    return curveCache.get(today)!;
  };
  return {
    platform: account.platform as SocialPlatform,
    handle: account.handle,
    id: `${account.platform}-${account.handle}`,
    displayName: account.displayName,
    following: 300,
    followers(now) {
      const today = localDay(now, timeZone);
      // :TRICKY: the curve's last stretch depends on its end day, so yesterday's figure comes from
      // the curve that ends yesterday — exactly what the demo loader stored.
      const yesterdayDay = addDays(today, -1);
      const yesterday = curve(yesterdayDay).get(yesterdayDay) ?? curve(today).get(today) ?? 0;
      const todays = curve(today).get(today) ?? yesterday;
      const midnight = localTimeToInstant(today, 0, 0, timeZone).getTime();
      const fraction = Math.min(1, Math.max(0, (now.getTime() - midnight) / 86_400_000));
      return Math.round(yesterday + (todays - yesterday) * fraction);
    },
    posts(now) {
      const today = localDay(now, timeZone);
      if (!postCache.has(today)) postCache.set(today, demoPosts(account, timeZone, today));
      return postCache.get(today)!.filter((p) => p.publishedAt <= now);
    },
  };
}

function demoPosts(account: DemoAccount, timeZone: string, today: Day): SandboxPost[] {
  const ids = { agencyId: "", accountId: "", timeZone };
  const history = accountHistory(account, ids, today);
  const from = localTimeToInstant(addDays(today, -SANDBOX_POST_DAYS), 0, 0, timeZone);
  const byPost = new Map<string, SandboxReply[]>();
  for (const r of history.replies) {
    if (r.publishedAt < from) continue;
    const list = byPost.get(r.platformPostId!) ?? [];
    list.push({
      id: rkey(r.platformReplyId),
      author: r.authorHandle,
      authorName: r.authorHandle,
      text: r.text,
      publishedAt: r.publishedAt,
    });
    byPost.set(r.platformPostId!, list);
  }
  const posts: SandboxPost[] = history.posts
    .filter((p) => p.publishedAt >= from)
    .map((p) => ({
      id: rkey(p.platformPostId),
      publishedAt: p.publishedAt,
      text: p.text,
      impressions: p.impressions ?? 0,
      likes: p.likes ?? 0,
      reposts: p.reposts ?? 0,
      quotes: p.quotes ?? 0,
      replies: byPost.get(p.platformPostId) ?? [],
    }));
  // Today's posts, published through the day as the clock passes them.
  const rng = rngFor(`live:${account.handle}:${today}`);
  const count = poisson(rng, account.postsPerDay);
  for (let k = 0; k < count; k++) {
    const publishedAt = localTimeToInstant(today, 7 + Math.floor(rng() * 15), Math.floor(rng() * 60), timeZone);
    const id = `${account.handle}-${today.replaceAll("-", "")}-${k}`;
    const replies = Array.from({ length: poisson(rng, account.repliesPerPost) }, (_, j) => ({
      id: `${id}-r${j}`,
      author: citizenHandle(rng),
      authorName: "",
      text: replyText(account.oneWay ? "ops" : "news", rng),
      publishedAt: new Date(publishedAt.getTime() + (j + 1) * 7 * 60_000),
    }));
    posts.push({
      id,
      publishedAt,
      text: postText(account.oneWay ? "ops" : "news", rng),
      impressions: Math.round(200 + rng() * 5000),
      likes: Math.round(rng() * 80),
      reposts: Math.round(rng() * 20),
      quotes: 0,
      replies,
    });
  }
  return posts.sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
}
