import { describe, expect, it } from "vitest";
import { allowedMoves, canMove, stepsTo } from "@/lib/inputs/statusMachine";
import { matchRule, wordMatches } from "@/lib/inputs/keywords";

describe("status flow of a linked input", () => {
  it("goes one step at a time and can be declined only while still open", () => {
    expect(allowedMoves("received")).toEqual(["under_review", "declined"]);
    expect(canMove("received", "implemented")).toBe(false);
    expect(canMove("received", "forwarded")).toBe(false);
    expect(canMove("forwarded", "incorporated")).toBe(true);
    expect(canMove("incorporated", "declined")).toBe(false);
    expect(allowedMoves("implemented")).toEqual([]);
    expect(allowedMoves("declined")).toEqual([]);
    expect(stepsTo("received", "implemented")).toEqual(["under_review", "forwarded", "incorporated", "implemented"]);
    expect(stepsTo("forwarded", "received")).toBeNull();
  });
});

describe("keyword rules on Norwegian text", () => {
  const rules = [
    { keyword: "reform", kind: "suggestion" as const },
    { keyword: "fastlege", kind: "question" as const },
    { keyword: "kommunal medfinansiering", kind: "complaint" as const },
  ];
  it("finds keywords inside compound words and inflected forms", () => {
    expect(matchRule("Hva betyr Samhandlingsreformen for oss?", rules)?.keyword).toBe("reform");
    expect(matchRule("Vi mangler FASTLEGER i nord", rules)?.keyword).toBe("fastlege");
    expect(matchRule("Fastlegeordningen må styrkes", rules)?.keyword).toBe("fastlege");
    expect(matchRule("Kommunal medfinansiering gir feil insentiver", rules)?.keyword).toBe("kommunal medfinansiering");
  });
  it("handles æ, ø and å and does not match unrelated words", () => {
    expect(wordMatches("sykehusøkonomien", "økonomi")).toBe(true);
    expect(wordMatches("ærlig", "ærlig")).toBe(true);
    expect(matchRule("Takk for oppdatering", rules)).toBeNull();
    expect(matchRule("Dette er en reformulering", [{ keyword: "formul", kind: "suggestion" }])).toBeNull();
    expect(
      matchRule("Bra med frisklivssentraler på Østlandet", [{ keyword: "østland", kind: "information" }])?.keyword,
    ).toBe("østland");
    expect(matchRule("Bra med frisklivssentraler", [{ keyword: "*sentral*", kind: "information" }])).not.toBeNull();
    // Written without a Norwegian keyboard, or with the Swedish letters.
    expect(matchRule("Naar kommer hoeringssvarene?", [{ keyword: "høring", kind: "question" }])?.keyword).toBe(
      "høring",
    );
    expect(matchRule("Høringen er åpen", [{ keyword: "hoering", kind: "question" }])).not.toBeNull();
    expect(matchRule("Vårdcentralen i Malmö", [{ keyword: "malmø", kind: "information" }])).not.toBeNull();
    expect(matchRule("Hørt om det", [{ keyword: "høring", kind: "question" }])).toBeNull();
  });
});
