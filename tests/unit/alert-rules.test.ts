import { describe, expect, it } from "vitest";
import { failureStreak, isFollowerDrop, isReplySpike, mad, median } from "@/lib/alerts/rules";

const SPIKE = { minReplies: 10, sensitivity: 4, minHistoryWeeks: 4 };
const DROP = { minDrop: 20, minPercent: 0.5, sensitivity: 4 };

describe("alert rules", () => {
  it("use a median and MAD that one earlier spike does not pull up", () => {
    expect(median([1, 2, 3, 100])).toBe(2.5);
    expect(mad([2, 2, 2, 2, 50])).toBe(0);
    expect(isReplySpike(30, [2, 2, 3, 2, 60, 2, 1, 2], SPIKE).spike).toBe(true);
  });

  it("never call a spike on a channel with too little history, below the minimum, or within its usual spread", () => {
    expect(isReplySpike(40, [2, 2, 2], SPIKE)).toMatchObject({ spike: false, reason: "too_little_history" });
    expect(isReplySpike(9, [0, 0, 0, 0, 0], SPIKE)).toMatchObject({ spike: false, reason: "below_minimum" });
    expect(isReplySpike(30, [20, 25, 30, 22, 28, 26], SPIKE)).toMatchObject({ spike: false, reason: "usual" });
  });

  it("treat a missing follower count as a gap, not a drop", () => {
    const usual = Array(20).fill(5);
    expect(isFollowerDrop(10_000, null, usual, DROP).drop).toBe(false);
    expect(isFollowerDrop(null, 9_000, usual, DROP).drop).toBe(false);
    expect(isFollowerDrop(10_000, 9_500, usual, DROP).drop).toBe(true);
  });

  it("do not alert a channel that loses followers at its usual pace", () => {
    expect(isFollowerDrop(10_000, 9_950, Array(20).fill(-50), DROP).drop).toBe(false);
  });

  it("count failed and partial runs back to the last success, skipping runs waiting for quota", () => {
    const at = new Date();
    expect(
      failureStreak([
        { outcome: "failed", startedAt: at },
        { outcome: "rate_limited", startedAt: at },
        { outcome: "partial", startedAt: at },
        { outcome: "success", startedAt: at },
        { outcome: "failed", startedAt: at },
      ]),
    ).toBe(2);
  });
});
