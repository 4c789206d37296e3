import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { createLocalUser, grantMembership } from "@/lib/auth/users";
import { loadDemoData } from "@/lib/demo/load";
import { getWeeklyReportData, type ReportAgency } from "@/lib/reports/data";
import { deliverReport, dueReportDeliveries, type DeliveryContext } from "@/lib/reports/deliver";
import { isoReportWeek } from "@/lib/reports/week";
import { startSmtpCatcher } from "../helpers/smtpCatcher";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const SECRET = "s".repeat(64);
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;

// Monday 23 November 2026 after 08:00 in Oslo and Stockholm: the reports for week 47 are due.
const DUE = new Date("2026-11-23T07:05:00Z");
const ctx = (): DeliveryContext => ({
  db: t.db,
  mailer: smtp.mailer,
  baseUrl: "http://localhost:3000",
  secret: SECRET,
  now: DUE,
});

/**
 * Words and letters of the bokmål report that neither the Swedish nor the English one may contain. Names,
 * handles and the posts' own texts (Norwegian in the demo) are taken out before looking.
 */
const BOKMAL = [
  /Ukerapport/i,
  /\buke\b/i,
  /Følgere/i,
  /til sammen/,
  /Publikum/,
  /Endring/,
  /Mest leste/,
  /\binnlegg\b/,
  /Trenger oppmerksomhet/,
  /Avslutt abonnementet/,
  /\bmottatt\b/,
  /\bvisninger\b/,
  /\bnådde\b/,
  /\bikke\b/,
  /\bvedlegg\b/,
  /Tallene/,
  /\bog\b/,
  /[æøÆØ]/,
];

async function subscribe(slug: string, email: string, locale: "nb" | "sv" | "en" | null) {
  const agency = await t.db.agency.findUniqueOrThrow({ where: { slug } });
  const user = await createLocalUser(t.db, { email, name: email, password: "passord-passord" });
  await grantMembership(t.db, { userId: user.id, agencyId: agency.id, role: "viewer" });
  await t.db.reportSubscription.create({ data: { agencyId: agency.id, userId: user.id, locale } });
  return agency;
}

/** The mail's text and HTML with everything that is not the report's own wording removed. */
async function wording(mail: ParsedMail, agency: ReportAgency) {
  const data = await getWeeklyReportData(t.db, agency, isoReportWeek(2026, 47, agency.timeZone));
  const own = [
    agency.name,
    ...data.channels.map((c) => c.handle),
    ...data.topPosts.flatMap((p) => [p.text, p.permalink ?? ""]),
    ...data.campaigns.map((c) => c.name),
  ].filter((s) => s.length > 0);
  const strip = (text: string) =>
    own
      .sort((a, b) => b.length - a.length)
      .reduce((out, s) => out.split(s).join(" "), text)
      .replace(/https?:\/\/\S+/g, " ")
      .replace(/<[^>]+>/g, " ")
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
  return { text: strip(mail.text ?? ""), html: strip(String(mail.html)), data };
}

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  await loadDemoData(t.db, { pseudonymisationKey: "5a".repeat(32), today: "2026-11-23" });
}, 120_000);

afterAll(async () => smtp?.stop());

describe("the weekly report's language", () => {
  it("is the agency's when the recipient chose none, the recipient's when they did; the figures are the same", async () => {
    const police = await subscribe("polismyndigheten", "kommunikation@polisen.test", null);
    const hod = await subscribe("helse-og-omsorgsdepartementet", "english@hod.test", "en");
    await subscribe("helse-og-omsorgsdepartementet", "bokmal@hod.test", null);
    for (const id of await dueReportDeliveries(t.db, DUE)) expect(await deliverReport(ctx(), id)).toBe("sent");
    const to = (email: string) => smtp.received.find((m) => m.to && "text" in m.to && m.to.text === email)!;

    // Swedish: the agency's language.
    const sv = to("kommunikation@polisen.test");
    expect(sv.subject).toBe("Veckorapport vecka 47: Polismyndigheten");
    expect(sv.headers.get("content-language")).toBe("sv");
    expect(String(sv.html)).toContain('<html lang="sv">');
    expect(sv.text).toContain("Publik per kanal");
    expect(sv.text).toMatch(/unsubscribe\?token=[^\s&]+&lang=sv/);
    const svCsv = sv.attachments.find((a) => a.filename?.endsWith(".csv"))!;
    expect(svCsv.filename).toBe("veckorapport-polismyndigheten-2026-vecka-47.csv");
    expect(svCsv.content.toString("utf8").startsWith("\uFEFFvecka;plattform;kanal;publik;")).toBe(true);
    const svWords = await wording(sv, { ...police, locale: "sv" });
    for (const word of BOKMAL) {
      expect({ word: String(word), match: word.exec(svWords.text)?.[0] }).toEqual({ word: String(word) });
      expect({ word: String(word), match: word.exec(svWords.html)?.[0] }).toEqual({ word: String(word) });
    }

    // English: the recipient's choice for a bokmål agency.
    const en = to("english@hod.test");
    expect(en.subject).toBe("Weekly report, week 47: Helse- og omsorgsdepartementet");
    expect(en.headers.get("content-language")).toBe("en");
    expect(String(en.html)).toContain('<html lang="en">');
    expect(en.text).toContain("Audience per channel");
    expect(en.text).toContain("Followers across");
    const enCsv = en.attachments.find((a) => a.filename?.endsWith(".csv"))!;
    expect(enCsv.filename).toBe("weekly-report-helse-og-omsorgsdepartementet-2026-week-47.csv");
    expect(enCsv.content.toString("utf8").startsWith("\uFEFFweek;platform;channel;audience;")).toBe(true);
    const enWords = await wording(en, { ...hod, locale: "nb" });
    for (const word of [...BOKMAL, /[åÅ]/]) {
      expect({ word: String(word), match: word.exec(enWords.text)?.[0] }).toEqual({ word: String(word) });
      expect({ word: String(word), match: word.exec(enWords.html)?.[0] }).toEqual({ word: String(word) });
    }

    // The same agency and week in bokmål: the same figures in the CSV, only the header differs.
    const nb = to("bokmal@hod.test");
    expect(nb.subject).toBe("Ukerapport uke 47: Helse- og omsorgsdepartementet");
    // The detector does find bokmål where there is some: all but the two letters match the bokmål report.
    const nbWords = await wording(nb, { ...hod, locale: "nb" });
    expect(BOKMAL.filter((word) => word.test(nbWords.text + nbWords.html)).length).toBeGreaterThanOrEqual(
      BOKMAL.length - 2,
    );
    const rows = (csv: string) =>
      csv
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n")
        .slice(1);
    const nbCsv = nb.attachments.find((a) => a.filename?.endsWith(".csv"))!.content.toString("utf8");
    const enRows = rows(enCsv.content.toString("utf8"));
    expect(enRows.length).toBeGreaterThan(0);
    // The last column holds the breaks in words; every figure before it is the same.
    const figures = (r: string[]) => r.map((l) => l.split(";").slice(0, -1).join(";"));
    expect(figures(enRows)).toEqual(figures(rows(nbCsv)));
    expect(enWords.data.channels.length).toBe(enRows.length);
  });
});
