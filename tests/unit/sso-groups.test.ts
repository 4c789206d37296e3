import { describe, expect, it } from "vitest";
import { groupsFrom } from "@/lib/auth/sso/provider";

describe("the groups a person carries", () => {
  it("are read from the configured claim, userinfo before the ID token", () => {
    expect(groupsFrom("roller", { roller: ["a"] }, { roller: ["b", "c"], groups: ["x"] })).toEqual(["b", "c"]);
    expect(groupsFrom("roller", { roller: ["a"] }, { groups: ["x"] })).toEqual(["a"]);
    expect(groupsFrom("https://etat.no/grupper", { "https://etat.no/grupper": "en-gruppe" }, {})).toEqual([
      "en-gruppe",
    ]);
  });

  it("ignore what is not a usable group value, and count each value once", () => {
    expect(groupsFrom("groups", {}, { groups: ["b", "a", "b", "", 42, null, { id: 1 }, "x".repeat(201)] })).toEqual([
      "a",
      "b",
    ]);
    expect(groupsFrom("groups", {}, { groups: { not: "a list" } })).toEqual([]);
    expect(groupsFrom("groups", {}, {})).toEqual([]);
  });
});
