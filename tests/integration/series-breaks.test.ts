import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as comparisonGet } from "@/app/api/agencies/[slug]/comparison/route";
import { GET as exportGet } from "@/app/api/agencies/[slug]/export/[dataset]/route";
import { GET as reachGet } from "@/app/api/agencies/[slug]/reach/route";
import { createLocalUser, grantMembership } from "@/lib/auth/users";
import { upsertDailyMetrics, type DailyMetricInput } from "@/lib/ingest/dailyMetrics";
import { addDays, localTimeToInstant, type Day } from "@/lib/time";
import { getWeeklyReportData } from "@/lib/reports/data";
import { renderReport } from "@/lib/reports/render";
import { reportWeek } from "@/lib/reports/week";
import { useTestDatabase } from "../helpers/testDb";
import { setConfig } from "../helpers/config";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

const t = useTestDatabase();
const NOW = new Date("2026-11-26T11:00:00Z");
const TZ = "Europe/Oslo";
const SLUG = "brudd";
const RETIRED_AFTER: Day = "2026-10-10";
const GAP: [Day, Day] = ["2026-11-02", "2026-11-04"];

beforeAll(async () => {
  setConfig({ DATABASE_URL: t.url });
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  const user = await createLocalUser(t.db, {
    email: "leser@etat.test",
    name: "Leser",
    password: "et-langt-passord-2026",
  });
  session.user = { id: user.id, email: user.email, name: user.name };
  const agency = await t.db.agency.create({ data: { slug: SLUG, name: "Bruddetaten", timeZone: TZ } });
  await grantMembership(t.db, { userId: user.id, agencyId: agency.id, role: "viewer" });
  const account = await t.db.account.create({
    data: { agencyId: agency.id, platform: "facebook", handle: "bruddsida", displayName: "Bruddsida" },
  });
  const rows: DailyMetricInput[] = [];
  for (let d: Day = "2026-06-01"; d <= "2026-11-25"; d = addDays(d, 1)) {
    if (d >= GAP[0] && d <= GAP[1]) continue;
    rows.push({
      agencyId: agency.id,
      accountId: account.id,
      day: d,
      followers: 1000,
      impressions: d <= RETIRED_AFTER ? 300 : null,
      reach: 200,
      repliesReceived: 1,
      postsPublished: 1,
    });
  }
  // A platform that renamed the metric: unknown for five weeks, then reported again.
  const renamed = await t.db.account.create({
    data: { agencyId: agency.id, platform: "facebook", handle: "omdopt", displayName: "Omdøpt" },
  });
  for (let d: Day = "2026-06-01"; d <= "2026-11-25"; d = addDays(d, 1)) {
    rows.push({
      agencyId: agency.id,
      accountId: renamed.id,
      day: d,
      followers: 50,
      impressions: d <= RETIRED_AFTER || d >= "2026-11-16" ? 100 : null,
    });
  }
  await upsertDailyMetrics(t.db, rows);
  await t.db.collectionRun.create({
    data: {
      agencyId: agency.id,
      accountId: account.id,
      kind: "daily",
      startedAt: localTimeToInstant("2026-11-12", 3, 0, TZ),
      outcome: "interrupted",
    },
  });
  await t.db.auditEvent.create({
    data: {
      agencyId: agency.id,
      action: "credential_saved",
      target: "facebook:bruddsida",
      at: localTimeToInstant("2026-11-13", 10, 0, TZ),
    },
  });
});
afterAll(() => {
  vi.useRealTimers();
});

async function csv(dataset: string, query: string): Promise<string[][]> {
  const res = await exportGet(new Request(`http://x/api/agencies/${SLUG}/export/${dataset}?${query}`), {
    params: Promise.resolve({ slug: SLUG, dataset }),
  });
  expect(res.status).toBe(200);
  return (await res.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .map((l) => l.split(";"));
}

describe("series breaks in the CSV", () => {
  it("marks a retired metric, a collection gap, an interrupted run and a reconnection in explicit columns, never as zeros", async () => {
    const [header, ...rows] = await csv("reach", "from=2026-10-01&to=2026-11-22&bucket=week");
    expect(header).toEqual([
      "periode_start",
      "plattform",
      "kanal",
      "visninger",
      "rekkevidde",
      "engasjement",
      "engasjementsrate_prosent",
      "brudd",
      "brudd_merknad",
    ]);
    const byWeek = new Map(rows.filter((r) => r[2] === "bruddsida").map((r) => [r[0], r]));
    // The week the metric stopped in (6–12 October, last known on the 10th) and every week after it carry the break, with an empty value.
    expect(byWeek.get("2026-10-05")![7]).toBe("series_break");
    expect(byWeek.get("2026-10-05")![8]).toContain("10.10.2026");
    expect(byWeek.get("2026-10-12")![3]).toBe("");
    expect(byWeek.get("2026-10-12")![7]).toBe("series_break");
    expect(byWeek.get("2026-11-02")![7]).toBe("series_break|collection_gap");
    expect(byWeek.get("2026-11-02")![8]).toContain("3 dager");
    expect(byWeek.get("2026-11-09")![7]).toBe("series_break|interrupted|reconnected");
    expect(byWeek.get("2026-09-28")?.[7] ?? "").toBe("");
    // Before the break the value is there and there is no mark.
    expect(byWeek.get("2026-09-28")?.[3] ?? "300").not.toBe("");
  });

  it("says when a metric is reported again after a break, and the break ends there", async () => {
    const [, ...rows] = await csv("reach", "from=2026-10-01&to=2026-11-22&bucket=week");
    const renamed = new Map(rows.filter((r) => r[2] === "omdopt").map((r) => [r[0], r[7]]));
    expect(renamed.get("2026-10-05")).toBe("series_break");
    expect(renamed.get("2026-11-09")).toBe("series_break");
    expect(renamed.get("2026-11-16")).toBe("metric_resumed");
    expect(renamed.get("2026-09-28")).toBe("");
  });

  it("says a metric stopped before the period when the whole period lacks it, in the CSV's language", async () => {
    const [header, ...rows] = await csv("reach", "from=2026-11-09&to=2026-11-22&bucket=week&lang=en");
    expect(header!.slice(-2)).toEqual(["break", "break_note"]);
    const first = rows.find((r) => r[2] === "bruddsida")!;
    expect(first[7]).toContain("series_break");
    expect(first[8]).toContain("before the period");
  });

  it("the JSON route names the same breaks", async () => {
    const res = await reachGet(
      new Request(`http://x/api/agencies/${SLUG}/reach?from=2026-10-01&to=2026-11-22&bucket=week`),
      { params: Promise.resolve({ slug: SLUG }) },
    );
    const body = await res.json();
    expect(
      body.data.channels[0].values.slice(2).every((v: { impressions: number | null }) => v.impressions === null),
    ).toBe(true);
  });
});

describe("comparison routes", () => {
  it("put the chosen period beside the previous one with the engine's sums, as JSON and CSV", async () => {
    const res = await comparisonGet(
      new Request(`http://x/api/agencies/${SLUG}/comparison?from=01.09.2026&to=30.09.2026&compare=previous`),
      { params: Promise.resolve({ slug: SLUG }) },
    );
    const body = await res.json();
    expect(body.data.comparison.other).toEqual({ from: "2026-08-02", to: "2026-08-31" });
    expect(body.data.total.values.impressions).toMatchObject({ current: 400 * 30, other: 400 * 30, change: 0 });
    const [header, ...rows] = await csv("comparison", "from=2026-09-01&to=2026-09-30&compare=year");
    expect(header).toContain("verdi_sammenlignet");
    const total = rows.find((r) => r[0] === "alle" && r[1] === "impressions")!;
    // A year earlier nothing was collected: unknown, not zero.
    expect(total.slice(8, 10)).toEqual(["12000", ""]);
  });

  it("refuse an unknown comparison in the user's language", async () => {
    const res = await comparisonGet(new Request(`http://x/api/agencies/${SLUG}/comparison?compare=decade`), {
      params: Promise.resolve({ slug: SLUG }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.issues[0].parameter).toBe("compare");
    expect(body.message).toMatch(/ugyldig/i);
  });
});

describe("the weekly e-mail", () => {
  it("says where its chart breaks and sets the week beside the week before and the same week last year", async () => {
    const agency = await t.db.agency.findUniqueOrThrow({ where: { slug: SLUG } });
    const data = await getWeeklyReportData(
      t.db,
      { id: agency.id, slug: SLUG, name: agency.name, timeZone: TZ, locale: "nb" },
      reportWeek("2026-11-16", TZ),
    );
    expect(data.compared.previous.comparison.other).toEqual({ from: "2026-11-09", to: "2026-11-15" });
    expect(data.compared.year.comparison.other).toEqual({ from: "2025-11-17", to: "2025-11-23" });
    expect(data.compared.previous.total.values.replies).toMatchObject({ current: 7, other: 7, change: 0 });
    const report = await renderReport(data, { inlineChart: true });
    expect(report.html).toContain("Brudd i serien");
    expect(report.html).toContain("Facebook bruddsida");
    expect(report.text).toContain("visninger er ikke oppgitt av plattformen etter 10.10.2026");
    expect(report.text).toContain("innsamlingen ble avbrutt 12.11.2026");
    expect(report.html).toContain('data-report="comparison"');
  });
});
