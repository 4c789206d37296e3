import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatDay, formatDateTime } from "@/lib/format";
import { translator } from "@/lib/intl";
import { agencyPageLocale, pickLocale, requestLocale, withAgencyLang } from "@/lib/intl/requestLocale";
import { issuesText } from "@/lib/intl/zodIssues";
import { CampaignRowSchema, parseCampaignCsv } from "@/lib/campaigns/csv";

describe("people texts", () => {
  it("say how long to wait after failed sign-ins with the language's plural", () => {
    expect(translator("nb", "people")("throttled", { minutes: 1 })).toContain("Vent 1 minutt og");
    expect(translator("nb", "people")("throttled", { minutes: 15 })).toContain("Vent 15 minutter og");
    expect(translator("sv", "people")("throttled", { minutes: 1 })).toContain("Vänta 1 minut och");
    expect(translator("sv", "people")("throttled", { minutes: 2 })).toContain("Vänta 2 minuter och");
    expect(translator("en", "people")("throttled", { minutes: 1 })).toContain("Wait 1 minute and");
    expect(translator("en", "people")("throttled", { minutes: 3 })).toContain("Wait 3 minutes and");
  });

  it("write the invitation e-mail in the agency's language, with the role in words", () => {
    const body = (locale: "nb" | "sv" | "en") =>
      translator(locale, "people")("mailBody", {
        agency: "Skatteverket",
        role: translator(locale, "people")("roleShort.editor"),
        url: "https://x.test/invite/abc",
        until: "1",
      });
    expect(body("sv")).toContain("Du är inbjuden till Skatteverket i Kanalmåling som redaktör.");
    expect(body("en")).toContain("You are invited to Skatteverket in Kanalmåling as editor.");
    expect(body("nb")).toContain("https://x.test/invite/abc\n");
  });
});

describe("the language of a page", () => {
  it("outside an agency: ?lang=, else the browser's first known language, else bokmål", () => {
    expect(pickLocale("sv", "en-GB")).toBe("sv");
    expect(pickLocale("de", "de-DE,en;q=0.8")).toBe("en");
    expect(pickLocale(null, "nn-NO")).toBe("nb");
    expect(pickLocale(["sv"], null)).toBe("nb");
  });

  it("inside an agency: ?lang=, else the agency's; links name the language only when it differs", () => {
    const agency = { locale: "sv" as const };
    expect(agencyPageLocale(undefined, agency)).toBe("sv");
    expect(agencyPageLocale("nb", agency)).toBe("nb");
    expect(withAgencyLang("/agencies/x/members?msg=changed", "nb", agency)).toBe(
      "/agencies/x/members?msg=changed&lang=nb",
    );
    expect(withAgencyLang("/agencies/x/members", "sv", agency)).toBe("/agencies/x/members");
  });

  it("of a refused request: its own lang, else the page it came from", () => {
    const headers = new Headers({ referer: "http://h.test/agencies/x?lang=en" });
    expect(requestLocale(new URL("http://h.test/api/x"), headers)).toBe("en");
    expect(requestLocale(new URL("http://h.test/api/x?lang=sv"), headers)).toBe("sv");
    expect(requestLocale(new URL("http://h.test/api/x"), new Headers({ referer: "::" }))).toBe("nb");
  });
});

describe("validation messages", () => {
  it("name the field and the problem in the user's language, zod's own issues included", () => {
    const row = {
      name: "A",
      sentAt: "2026-11-17",
      sent: "10",
      reached: "20",
      targetPopulation: "",
      opens: "",
      clicks: "",
    };
    const empty = CampaignRowSchema.safeParse({ ...row, name: "", reached: "" }).error!;
    const over = CampaignRowSchema.safeParse(row).error!;
    expect(issuesText(empty, "nb")).toBe("Navn: må fylles ut");
    expect(issuesText(over, "sv")).toBe("Nådda: kan inte vara fler än skickade");
    expect(issuesText(over, "en")).toBe("Reached: cannot exceed sent");
    const other = z.object({ sort: z.enum(["a", "b"]) }).safeParse({ sort: "c" });
    expect(issuesText(other.error!, "sv")).toMatch(/^Sortering: /);
    expect(issuesText(other.error!, "sv")).not.toMatch(/Invalid/);
  });

  it("report a bad import line by its number", () => {
    const { errors } = parseCampaignCsv("name,sent_at\nA,2026-11-17\n,2026-11-17\n", "en");
    expect(errors).toEqual([expect.stringMatching(/^line 3: Name: is required/)]);
    expect(parseCampaignCsv("", "sv").errors).toEqual(["filen är tom"]);
  });
});

describe("an instant on the people pages and in the invitation e-mail", () => {
  it("shows its day exactly as formatDay does, in the agency's time zone", () => {
    const at = new Date("2026-03-29T00:30:00Z"); // 01:30 in Oslo before the switch, same day
    expect(formatDateTime(at, "nb", "Europe/Oslo")).toBe(`${formatDay("2026-03-29", "nb")} 01:30`);
    expect(formatDateTime(new Date("2026-03-29T01:30:00Z"), "sv", "Europe/Oslo")).toBe("2026-03-29 03:30");
    expect(formatDateTime(new Date("2026-11-26T23:30:00Z"), "en", "Europe/Stockholm")).toBe("27/11/2026 00:30");
  });
});
