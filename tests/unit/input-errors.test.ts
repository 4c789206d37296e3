import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InputNotFoundError, InvalidMoveError, StaleUpdateError, type InvalidMoveCode } from "@/lib/inputs/errors";
import { RetentionMonthsSchema } from "@/lib/inputs/settings";
import { inputErrorMessage } from "@/lib/intl/inputErrors";
import { issuesText } from "@/lib/intl/zodIssues";

const CODES: InvalidMoveCode[] = [
  "not_input",
  "skipped_step",
  "reason_required",
  "no_name",
  "keyword_short",
  "linked_cannot_dismiss",
];

describe("refusals of lib/inputs in the page's language", () => {
  it("word every code in each language, never the bokmål message thrown for the logs", () => {
    for (const code of CODES) {
      const error = new InvalidMoveError("LOGGTEKST", code, { from: "received", to: "implemented" });
      const texts = (["nb", "sv", "en"] as const).map((l) => inputErrorMessage(error, l));
      for (const text of texts) {
        expect(text).toBeTruthy();
        expect(text).not.toContain("LOGGTEKST");
      }
      expect(new Set(texts).size).toBe(3);
    }
  });

  it("name the statuses of a skipped step in the page's language", () => {
    const error = new InvalidMoveError("x", "skipped_step", { from: "received", to: "implemented" });
    expect(inputErrorMessage(error, "sv")).toBe(
      "Kan inte flytta från ”Mottagen” till ”Genomförd”: stegen måste tas i ordning.",
    );
    expect(inputErrorMessage(error, "en")).toMatch(/^Cannot move from .Received. to .Implemented./);
  });

  it("answer a lost race and a missing row, and leave other errors alone", () => {
    expect(inputErrorMessage(new StaleUpdateError({ version: 2 }), "sv")).toMatch(/^Någon annan har ändrat/);
    expect(inputErrorMessage(new StaleUpdateError({ version: 2 }), "en")).not.toMatch(/Noen andre/);
    expect(inputErrorMessage(new InputNotFoundError(), "sv")).toBe("Synpunkten eller arbetet hittades inte.");
    expect(inputErrorMessage(new Error("boom"), "sv")).toBeNull();
  });

  it("word the retention months' limits in the page's language", () => {
    const error = z.object({ months: RetentionMonthsSchema }).safeParse({ months: "0" }).error!;
    expect(issuesText(error, "sv")).toBe("Månader: måste vara ett helt antal månader från 1 till 240");
    expect(issuesText(error, "en")).toBe("Months: must be a whole number of months from 1 to 240");
    expect(issuesText(error, "nb")).toBe("Måneder: må være et helt antall måneder fra 1 til 240");
  });

  it("name every field of the inputs forms in the page's language", () => {
    const schema = z.object({
      keyword: z.string().min(2, "keyword_short"),
      workItemId: z.uuid({ message: "work_choose" }),
      handle: z.string().min(1, "handle_required"),
      confirm: z.literal("yes", { message: "erase_confirm" }),
    });
    const error = schema.safeParse({ keyword: "x", workItemId: "", handle: "", confirm: "" }).error!;
    expect(issuesText(error, "sv")).toBe(
      "Nyckelord: måste ha minst två bokstäver; Arbete: välj ett arbete; Användarnamn: ange användarnamnet; " +
        "Bekräftelse: bekräfta raderingen",
    );
  });
});
