import type { SocialPlatform } from "@/lib/platforms/types";

export type FaultKind =
  | "rate_limit"
  | "server_error"
  | "slow"
  | "malformed"
  | "expired_token"
  | "quota"
  | "retire_metric"
  | "comments_disabled"
  | "hang";

/** Faults that shape bodies while armed, rather than replacing one answer. */
const STANDING: FaultKind[] = ["retire_metric", "comments_disabled"];

/** A fault the fake platform plays on matching requests, `times` times (Infinity = until cleared). */
export type Fault = {
  platform: SocialPlatform;
  kind: FaultKind;
  times?: number;
  /** Only requests whose path (after the platform prefix) contains this. */
  match?: string;
  /** Only the n-th matching request and later (1-based). */
  after?: number;
  /** rate_limit / quota: when the platform will accept calls again. */
  resetInMs?: number;
  /** slow: how long to wait before answering. */
  delayMs?: number;
};

type Armed = Fault & { remaining: number; seen: number };

export class FaultBook {
  private faults: Armed[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1, seen: 0 });
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault to play on this request, if any (consumes one of its times). */
  take(platform: SocialPlatform, path: string): Armed | null {
    for (const f of this.faults) {
      if (f.platform !== platform || f.remaining <= 0) continue;
      if (f.match && !path.includes(f.match)) continue;
      if (STANDING.includes(f.kind)) continue;
      f.seen++;
      if (f.after && f.seen < f.after) continue;
      f.remaining--;
      return f;
    }
    return null;
  }

  /** Retired metrics stay retired while the fault is armed; they shape bodies, not statuses. */
  retired(platform: SocialPlatform): boolean {
    return this.armed(platform, "retire_metric");
  }

  armed(platform: SocialPlatform, kind: FaultKind): boolean {
    return this.faults.some((f) => f.platform === platform && f.kind === kind && f.remaining > 0);
  }
}
