import { describe, expect, it } from "vitest";
import { DEMO_AGENCIES } from "@/lib/demo/catalog";
import { audienceCurve } from "@/lib/demo/history";
import { demoWorld } from "@/lib/sandbox/world";
import { addDays, localDay, localTimeToInstant } from "@/lib/time";

describe("the sandbox's demo accounts", () => {
  const world = demoWorld();
  const ops = world.accounts.find((a) => a.handle === "oslopolitiops")!;
  const catalog = DEMO_AGENCIES.flatMap((a) => a.accounts).find((a) => a.handle === "oslopolitiops")!;
  const today = localDay(new Date(), "Europe/Oslo");
  const yesterday = addDays(today, -1);

  it("continue the demo history without a jump at midnight and reach today's figure by the end of the day", () => {
    const midnight = localTimeToInstant(today, 0, 0, "Europe/Oslo");
    expect(ops.followers(midnight)).toBe(audienceCurve(catalog, yesterday).get(yesterday));
    expect(ops.followers(new Date(midnight.getTime() + 86_399_000))).toBeCloseTo(
      audienceCurve(catalog, today).get(today)!,
      -1,
    );
  });

  it("evolve over the day, minute by minute", () => {
    const noon = localTimeToInstant(today, 12, 0, "Europe/Oslo");
    const values = [0, 60, 120].map((m) => ops.followers(new Date(noon.getTime() + m * 60_000)));
    expect(values[2]).toBeGreaterThan(values[0]!);
  });

  it("serve only posts already published, newest first", () => {
    const now = new Date();
    const posts = ops.posts(now);
    expect(posts.length).toBeGreaterThan(50);
    expect(posts.every((p) => p.publishedAt <= now)).toBe(true);
    expect(posts[0]!.publishedAt >= posts.at(-1)!.publishedAt).toBe(true);
  });
});
