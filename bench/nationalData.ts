/**
 * A deterministic national deployment for the generator and the scale benchmark: agencies in a
 * hierarchy (national bodies → districts/directorates), channels on every platform, and the
 * rows each channel would have collected. Same seed, same rows (ids included) on every machine.
 */
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createHash } from "node:crypto";
import { normal, poisson, rngFor } from "@/lib/demo/random";
import type { DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import { addDays, type Day } from "@/lib/time";

export const PLATFORMS = [
  "twitter",
  "facebook",
  "youtube",
  "flickr",
  "bluesky",
  "mastodon",
  "email",
  "app_push",
] as const;
export type Platform = (typeof PLATFORMS)[number];

export type AgencySpec = { id: string; slug: string; name: string; parentId: string | null };
export type AccountSpec = {
  id: string;
  agencyId: string;
  platform: Platform;
  handle: string;
  displayName: string;
  baseAudience: number;
};

const NATIONAL = [
  "Politidirektoratet",
  "Helsedirektoratet",
  "Skatteetaten",
  "NAV",
  "Statens vegvesen",
  "Utdanningsdirektoratet",
  "Mattilsynet",
  "Kystverket",
  "Tolletaten",
  "DSB",
];

/** A UUID derived from a key: the same key gives the same id, different keys never collide in practice. */
export function uuidFor(key: string): string {
  const h = createHash("md5").update(key).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** One national body per ~15 agencies; the rest are districts/directorates under them. */
export function buildAgencies(count: number, seed: number, offset = 0): AgencySpec[] {
  const nationalCount = Math.max(1, Math.round(count / 15));
  const agencies: AgencySpec[] = [];
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const isNational = i < nationalCount;
    const parent = isNational ? null : agencies[i % nationalCount]!;
    const base = NATIONAL[n % NATIONAL.length]!;
    agencies.push({
      id: uuidFor(`agency:${seed}:${n}`),
      slug: isNational ? `nasjonal-${n}` : `distrikt-${n}`,
      name: isNational ? `${base} ${n}` : `${parent!.name} – distrikt ${n}`,
      parentId: parent?.id ?? null,
    });
  }
  return agencies;
}

/** Channels spread over the agencies (national bodies get a larger share) and over all platforms. */
export function buildAccounts(agencies: AgencySpec[], count: number, seed: number): AccountSpec[] {
  const rng = rngFor(`accounts:${seed}:${agencies[0]?.id ?? ""}`);
  const accounts: AccountSpec[] = [];
  for (let i = 0; i < count; i++) {
    const agency = agencies[i % agencies.length]!;
    const platform = PLATFORMS[Math.floor(rng() * PLATFORMS.length)]!;
    accounts.push({
      id: uuidFor(`account:${seed}:${agency.id}:${i}`),
      agencyId: agency.id,
      platform,
      handle: `${agency.slug}-${platform}-${i}`,
      displayName: `${agency.name} (${platform})`,
      baseAudience: Math.round(500 * Math.exp(2.5 * rng()) * (agency.parentId ? 1 : 8)),
    });
  }
  return accounts;
}

const NO_IMPRESSIONS: ReadonlySet<Platform> = new Set(["mastodon", "bluesky", "email", "app_push"]);

/** A channel's daily history from `from` to the day before `to`, with the odd collection gap. */
export function* dailyRows(account: AccountSpec, from: Day, to: Day, seed: number): Generator<DailyMetricInput> {
  const rng = rngFor(`daily:${seed}:${account.id}`);
  let followers = account.baseAudience;
  const trend = 0.0004 + 0.0006 * rng();
  const knowsImpressions = !NO_IMPRESSIONS.has(account.platform);
  for (let day = from; day < to; day = addDays(day, 1)) {
    followers = Math.max(0, Math.round(followers * (1 + trend + 0.002 * normal(rng))));
    if (rng() < 0.01) continue;
    const posts = poisson(rng, 1.8);
    const impressions = knowsImpressions ? poisson(rng, followers * 0.3 * (posts + 0.2)) : null;
    yield {
      agencyId: account.agencyId,
      accountId: account.id,
      day,
      followers,
      following: Math.round(account.baseAudience / 50),
      postsPublished: posts,
      impressions,
      reach: impressions === null ? null : Math.round(impressions * 0.7),
      engagements: poisson(rng, followers * 0.004 * (posts + 0.1)),
      repliesReceived: poisson(rng, 2.5 * posts),
    };
  }
}

const TAB = "\t";
const nul = (v: number | null | undefined) => (v === null || v === undefined ? "\\N" : String(v));

export function dailyRowLine(r: DailyMetricInput): string {
  return (
    [
      r.agencyId,
      r.accountId,
      r.day,
      nul(r.followers),
      nul(r.following),
      nul(r.postsPublished),
      nul(r.impressions),
      nul(r.reach),
      nul(r.engagements),
      nul(r.repliesReceived),
    ].join(TAB) + "\n"
  );
}

export const DAILY_COPY_COLUMNS =
  "agency_id, account_id, day, followers, following, posts_published, impressions, reach, engagements, replies_received";

/** Streams text-format lines into `COPY table (columns) FROM STDIN` on one client. */
export async function copyLines(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: string,
  lines: Iterable<string>,
): Promise<void> {
  const chunked = function* () {
    let buffer = "";
    for (const line of lines) {
      buffer += line;
      if (buffer.length > 256_000) {
        yield buffer;
        buffer = "";
      }
    }
    if (buffer) yield buffer;
  };
  await pipeline(
    Readable.from(chunked()),
    client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)) as unknown as Writable,
  );
}

const escapeText = (s: string) =>
  s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");

const POST_TEXTS = [
  "Trafikkulykke på E18, forvent kø.",
  "Ny veileder om søknadsfrister er publisert.",
  "Vi minner om fristen på fredag.",
  "Savnet person er funnet i god behold.",
  "Husk refleks i mørket!",
  "Driftsmelding: nettsiden er ustabil.",
];
const REPLY_TEXTS = [
  "Takk for info!",
  "Når åpner veien igjen?",
  "Hvorfor svarer dere ikke på e-post?",
  "Bra jobba 👏",
  "Gjelder dette også for studenter?",
  "Lenken virker ikke.",
];

export type ContentCounts = { posts: number; replies: number };

/**
 * Posts (with metrics) and replies for every channel over the last `days` days, written with COPY:
 * `postsPerDay` per channel on average and `repliesPerPost` per post.
 */
export async function copyContent(
  client: pg.PoolClient | pg.Client,
  accounts: AccountSpec[],
  opts: { to: Day; days: number; postsPerDay: number; repliesPerPost: number; seed: number },
): Promise<ContentCounts> {
  const counts: ContentCounts = { posts: 0, replies: 0 };
  const start = Date.parse(`${addDays(opts.to, -opts.days)}T00:00:00Z`);
  const span = opts.days * 86_400_000;
  // :TRICKY: posts must exist before their replies reference them, so each small batch of channels
  // is two COPYs (posts, then the replies buffered meanwhile); memory stays bounded by the batch.
  for (let i = 0; i < accounts.length; i += 10) {
    const replies: string[] = [];
    const postLines = function* () {
      for (const account of accounts.slice(i, i + 10)) {
        const rng = rngFor(`content:${opts.seed}:${account.id}`);
        const n = poisson(rng, opts.postsPerDay * opts.days);
        for (let p = 0; p < n; p++) {
          const id = uuidFor(`post:${opts.seed}:${account.id}:${p}`);
          const at = new Date(start + Math.floor(rng() * span));
          const impressions = poisson(rng, account.baseAudience * 0.4);
          const replyCount = poisson(rng, opts.repliesPerPost);
          counts.posts++;
          yield (
            [
              id,
              account.agencyId,
              account.id,
              `p${p}`,
              at.toISOString(),
              escapeText(POST_TEXTS[p % POST_TEXTS.length]!),
              `https://example.invalid/${account.handle}/${p}`,
              impressions,
              Math.round(impressions * 0.02),
              Math.round(impressions * 0.004),
              replyCount,
            ].join(TAB) + "\n"
          );
          for (let r = 0; r < replyCount; r++) {
            const replyAt = new Date(at.getTime() + Math.floor(rng() * 172_800_000));
            replies.push(
              [
                account.agencyId,
                account.id,
                id,
                `p${p}r${r}`,
                `h${Math.floor(rng() * 50_000)}`,
                escapeText(REPLY_TEXTS[(p + r) % REPLY_TEXTS.length]!),
                replyAt.toISOString(),
                "nb",
              ].join(TAB) + "\n",
            );
          }
        }
      }
    };
    await copyLines(
      client,
      "post",
      "id, agency_id, account_id, platform_post_id, published_at, text, permalink, impressions, likes, reposts, replies",
      postLines(),
    );
    counts.replies += replies.length;
    await copyLines(
      client,
      "reply",
      "agency_id, account_id, post_id, platform_reply_id, author_hash, text, published_at, language",
      replies,
    );
  }
  return counts;
}

export async function insertAgenciesAndAccounts(
  client: pg.PoolClient | pg.Client,
  agencies: AgencySpec[],
  accounts: AccountSpec[],
): Promise<void> {
  // National bodies first: the districts reference them.
  const ordered = [...agencies.filter((a) => !a.parentId), ...agencies.filter((a) => a.parentId)];
  await copyLines(
    client,
    "agency",
    "id, slug, name, parent_id",
    ordered.map((a) => [a.id, a.slug, escapeText(a.name), a.parentId ?? "\\N"].join(TAB) + "\n"),
  );
  await copyLines(
    client,
    "account",
    "id, agency_id, platform, handle, display_name",
    accounts.map((a) => [a.id, a.agencyId, a.platform, a.handle, escapeText(a.displayName)].join(TAB) + "\n"),
  );
}
