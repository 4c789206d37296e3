import { beforeAll, describe, expect, it } from "vitest";
import { parseCampaignCsv, sentAtInstant } from "@/lib/campaigns/csv";
import { upsertCampaigns } from "@/lib/ingest/campaigns";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
let ids: { agencyId: string; accountId: string };

beforeAll(async () => {
  const agency = await t.db.agency.create({ data: { slug: "oslo-test", name: "Oslo test" } });
  const account = await t.db.account.create({
    data: { agencyId: agency.id, platform: "email", handle: "varsel", displayName: "Varsel" },
  });
  ids = { agencyId: agency.id, accountId: account.id };
});

const CSV =
  "\ufeffname;sent_at;sent;reached;target;opens;clicks\r\n" +
  '"Svindel; falske fakturaer";2026-11-17T08:00;12 580;12 140;52 400;5930;\r\n' +
  "Innbrudd før sommeren;2026-06-18 08:00;12300;11870;52000;;\r\n";

describe("manual campaigns", () => {
  it("read a Norwegian Excel CSV: semicolons, BOM, quoted fields, spaced thousands, empty = unknown", () => {
    const { rows, errors } = parseCampaignCsv(CSV);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      name: "Svindel; falske fakturaer",
      sent: 12_580,
      reached: 12_140,
      targetPopulation: 52_400,
      opens: 5_930,
      clicks: null,
    });
    expect(rows[1]).toMatchObject({ opens: null, clicks: null });
  });

  it("report bad lines by number and keep none of them", () => {
    const { rows, errors } = parseCampaignCsv("name,sent_at,sent,reached\nA,2026-01-01,100,200\nB,i går,10,5\n");
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      expect.stringMatching(/^linje 2: Nådd: kan ikke være flere enn sendt/),
      expect.stringMatching(/^linje 3: Sendt tidspunkt/),
    ]);
    expect(parseCampaignCsv("navn;noe\nx;y").errors[0]).toMatch(/sent_at/);
  });

  it("read a time without a zone as the agency's wall clock", () => {
    expect(sentAtInstant("2026-11-17T08:00", "Europe/Oslo").toISOString()).toBe("2026-11-17T07:00:00.000Z");
    expect(sentAtInstant("2026-06-18 08:00", "Europe/Oslo").toISOString()).toBe("2026-06-18T06:00:00.000Z");
    expect(sentAtInstant("2026-06-18T08:00Z", "Europe/Oslo").toISOString()).toBe("2026-06-18T08:00:00.000Z");
  });

  it("import idempotently and put the day's reach beside the social channels", async () => {
    const rows = parseCampaignCsv(CSV).rows.map((r) => ({
      ...ids,
      ...r,
      sentAt: sentAtInstant(r.sentAt, "Europe/Oslo"),
    }));
    await upsertCampaigns(t.db, rows, "Europe/Oslo");
    await upsertCampaigns(t.db, rows, "Europe/Oslo");
    expect(await t.db.campaign.count({ where: ids })).toBe(2);
    const day = await t.db.accountDailyMetric.findUniqueOrThrow({
      where: { agencyId_accountId_day: { ...ids, day: new Date("2026-11-17T00:00:00Z") } },
    });
    expect(day).toMatchObject({ reach: 12_140, postsPublished: 1, followers: null });
  });
});
