import type { SocialPlatform } from "@/lib/platforms/types";
import type { PlatformRequest } from "../server";
import { findAccount, type SandboxAccount, type SandboxPost } from "../world";

export const token = (offset: number) => Buffer.from(`o:${offset}`).toString("base64url");
export const offsetOf = (t: string | null) => {
  if (!t) return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(t, "base64url").toString());
  return m ? Number(m[1]) : 0;
};

export const did = (id: string) => `did:plc:${id.replace(/[^a-z0-9]/gi, "").toLowerCase()}`;

export function account(
  req: PlatformRequest,
  platform: SocialPlatform,
  key: string | null,
): SandboxAccount | undefined {
  if (key?.startsWith("did:plc:")) return req.world.accounts.find((a) => a.platform === platform && did(a.id) === key);
  return key ? findAccount(req.world, platform, key) : undefined;
}

/** The post with this id on any account of the platform, with the replies visible by now. */
export function findPost(
  req: PlatformRequest,
  platform: SocialPlatform,
  id: string,
): { account: SandboxAccount; post: SandboxPost } | null {
  for (const a of req.world.accounts) {
    if (a.platform !== platform) continue;
    const post = a.posts(req.now).find((p) => p.id === id);
    if (post) return { account: a, post: { ...post, replies: post.replies.filter((r) => r.publishedAt <= req.now) } };
  }
  return null;
}

export const iso = (d: Date) => d.toISOString();
export const epochSeconds = (d: Date) => String(Math.ceil(d.getTime() / 1000));
export const retryAfter = (resetAt: Date) => String(Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)));
