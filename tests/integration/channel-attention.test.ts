import { describe, expect, it } from "vitest";
import { getWeeklyReportData } from "@/lib/reports/data";
import { previousWeek } from "@/lib/reports/week";
import { getConnections } from "@/lib/queries/getConnections";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();

describe("channels needing attention in the weekly report and on the connections page", () => {
  it("a channel to reconnect, a grant ending within 7 days, and nothing for a removed channel", async () => {
    const agency = await t.db.agency.create({ data: { slug: "varsel", name: "Varseletaten" } });
    const base = { agencyId: agency.id, displayName: "Kanal" };
    await t.db.account.create({ data: { ...base, platform: "twitter", handle: "utlopt", status: "needs_reconnect" } });
    const soon = await t.db.credential.create({
      data: {
        agencyId: agency.id,
        ciphertext: new Uint8Array([1]),
        grantExpiresAt: new Date(Date.now() + 3 * 86_400_000),
      },
    });
    const later = await t.db.credential.create({
      data: {
        agencyId: agency.id,
        ciphertext: new Uint8Array([1]),
        grantExpiresAt: new Date(Date.now() + 40 * 86_400_000),
      },
    });
    await t.db.account.create({ data: { ...base, platform: "facebook", handle: "snartute", credentialId: soon.id } });
    await t.db.account.create({ data: { ...base, platform: "facebook", handle: "igodtid", credentialId: later.id } });
    await t.db.account.create({
      data: { ...base, platform: "bluesky", handle: "fjernet.bsky.social", status: "paused", archivedAt: new Date() },
    });

    const report = await getWeeklyReportData(
      t.db,
      { id: agency.id, slug: agency.slug, name: agency.name, timeZone: "Europe/Oslo", locale: "nb" },
      previousWeek(new Date(), "Europe/Oslo"),
    );
    const reasons = report.attention
      .filter((a) => a.reason !== "collection_gap")
      .map((a) => `${a.handle}:${a.reason}`)
      .sort();
    expect(reasons).toEqual(["snartute:token_expiring", "utlopt:needs_reconnect"]);
    expect(report.attention.some((a) => a.handle === "fjernet.bsky.social")).toBe(false);

    const { connections } = await getConnections(t.db, agency.id);
    expect(connections.find((c) => c.handle === "snartute")).toMatchObject({ grantExpiresAt: soon.grantExpiresAt });
    // Removed channels come last, marked as such.
    expect(connections.at(-1)).toMatchObject({ handle: "fjernet.bsky.social", archived: true });
  });
});
