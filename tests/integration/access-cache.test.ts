import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedView } from "@/lib/metrics/viewCache";
import { cachedAccess, unverifiedAgencies } from "@/lib/permissions/accessCache";
import { visibleAgenciesOf } from "@/lib/permissions/visibleAgencies";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
let pool: pg.Pool;
let loads = 0;
const user = { id: "u-cache", email: "kari@example.no", name: "Kari" };
const load = async () => {
  loads++;
  const session = await t.db.authSession.findFirst({ where: { token: "tok1", expiresAt: { gt: new Date() } } });
  return session ? { user, agencies: await visibleAgenciesOf(t.db, user.id) } : null;
};
const slugs = (a: Awaited<ReturnType<typeof cachedAccess>>) => a?.agencies.map((x) => x.slug) ?? null;
let tidsrom = Date.now();
const now = () => (tidsrom += 1_000);

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  await t.db.user.create({ data: user });
  await t.db.authSession.create({
    data: { id: "s1", token: "tok1", userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
  });
  for (const slug of ["nav", "skatt"]) {
    const agency = await t.db.agency.create({ data: { slug, name: slug } });
    await t.db.membership.create({ data: { agencyId: agency.id, userId: user.id, role: "viewer" } });
  }
});
afterAll(async () => pool?.end());

describe("a signed-in person's access, cached per session", () => {
  it("is looked up once and then served from the cache while nothing changes", async () => {
    expect(slugs(await cachedAccess("tok1.sig", pool, load, now()))).toEqual(["nav", "skatt"]);
    expect(slugs(await cachedAccess("tok1.sig", pool, load, now()))).toEqual(["nav", "skatt"]);
    expect(slugs(await cachedAccess("tok1.sig", pool, load, now()))).toEqual(["nav", "skatt"]);
    expect(loads).toBe(1);
  });

  it("loses an agency at the very next request after the membership is removed", async () => {
    const skatt = await t.db.agency.findUniqueOrThrow({ where: { slug: "skatt" } });
    await t.db.membership.delete({ where: { agencyId_userId: { agencyId: skatt.id, userId: user.id } } });
    expect(slugs(await cachedAccess("tok1.sig", pool, load, now()))).toEqual(["nav"]);
  });

  it("sees a role change and a renamed agency at once", async () => {
    const nav = await t.db.agency.findUniqueOrThrow({ where: { slug: "nav" } });
    await t.db.membership.update({
      where: { agencyId_userId: { agencyId: nav.id, userId: user.id } },
      data: { role: "admin" },
    });
    expect((await cachedAccess("tok1.sig", pool, load, now()))?.agencies[0]?.role).toBe("admin");
    await t.db.agency.update({ where: { id: nav.id }, data: { name: "Arbeids- og velferdsetaten" } });
    expect((await cachedAccess("tok1.sig", pool, load, now()))?.agencies[0]?.name).toBe("Arbeids- og velferdsetaten");
  });

  it("is gone the moment the session is signed out or revoked", async () => {
    await cachedAccess("tok1.sig", pool, load, now());
    const before = loads;
    await t.db.authSession.delete({ where: { id: "s1" } });
    expect(await cachedAccess("tok1.sig", pool, load, now())).toBeNull();
    expect(loads).toBe(before); // the cheap check alone says no
    expect(await cachedAccess("tok1.sig", pool, load, now())).toBeNull();
  });

  it("is looked up again through the session store after a minute, and a different cookie never shares an entry", async () => {
    await t.db.authSession.create({
      data: { id: "s2", token: "tok1", userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    await cachedAccess("tok1.sig", pool, load, now());
    const before = loads;
    await cachedAccess("tok1.sig", pool, load, now() + 61_000);
    expect(loads).toBe(before + 1);
    await cachedAccess("tok1.forged", pool, load, now());
    expect(loads).toBe(before + 2);
  });

  it("reads the named agency's data version in the same check, and it moves with the agency's figures", async () => {
    const nav = await t.db.agency.findUniqueOrThrow({ where: { slug: "nav" } });
    const first = (await cachedAccess("tok1.sig", pool, load, now(), "nav"))?.dataVersion;
    expect(first?.agencyId).toBe(nav.id);
    const account = await t.db.account.create({
      data: { agencyId: nav.id, platform: "twitter", handle: "nav", displayName: "NAV" },
    });
    const second = (await cachedAccess("tok1.sig", pool, load, now(), "nav"))?.dataVersion;
    expect(second?.version).not.toBe(first?.version);
    await t.db.accountDailyMetric.create({
      data: { agencyId: nav.id, accountId: account.id, day: new Date("2026-11-01") },
    });
    expect((await cachedAccess("tok1.sig", pool, load, now(), "nav"))?.dataVersion?.version).not.toBe(second?.version);
    expect((await cachedAccess("tok1.sig", pool, load, now(), "finnes-ikke"))?.dataVersion).toBeNull();
  });

  it("reads the versions of every visible agency in the same check, as a view of several would read them", async () => {
    const [nav, skatt] = await Promise.all(
      ["nav", "skatt"].map((slug) => t.db.agency.findUniqueOrThrow({ where: { slug } })),
    );
    const ids = [nav!.id, skatt!.id];
    // Both visible again (an earlier case removed one); the first check after that change reloads.
    await t.db.membership.upsert({
      where: { agencyId_userId: { agencyId: skatt!.id, userId: user.id } },
      create: { userId: user.id, agencyId: skatt!.id, role: "viewer" },
      update: {},
    });
    await cachedAccess("tok1.sig", pool, load, now(), "nav");
    const known = (await cachedAccess("tok1.sig", pool, load, now(), "nav"))?.dataVersions;
    expect([...known!.covered].sort()).toEqual([...ids].sort());
    let computed = 0;
    const view = { name: "test-many", agencyIds: ids, args: "" };
    const compute = async () => ++computed;
    // The same version string as the view's own statement would read: reused across both ways of knowing it.
    await cachedView(pool, view, compute);
    expect(await cachedView(pool, view, compute, null, known)).toBe(1);

    // Skatt has no counter until its first write; that write changes the version seen by the next check.
    const account = await t.db.account.create({
      data: { agencyId: skatt!.id, platform: "twitter", handle: "skatt", displayName: "Skatteetaten" },
    });
    expect(await cachedView(pool, view, compute, null, known)).toBe(1);
    const after = (await cachedAccess("tok1.sig", pool, load, now(), "nav"))?.dataVersions;
    expect(after!.n.get(skatt!.id)).toBeDefined();
    expect(await cachedView(pool, view, compute, null, after)).toBe(2);
    await t.db.account.delete({ where: { id: account.id } });
  });

  it("lends work started early the agencies it last saw, and the check then names another list once they changed", async () => {
    const skatt = await t.db.agency.findUniqueOrThrow({ where: { slug: "skatt" } });
    const seen = await cachedAccess("tok1.sig", pool, load, now() + 61_000);
    const early = unverifiedAgencies("tok1.sig", now());
    expect(early).toBe(seen!.agencies);
    // Nothing changed: the check confirms the very list the early work used.
    expect((await cachedAccess("tok1.sig", pool, load, now()))!.agencies).toBe(early);
    await t.db.membership.delete({ where: { agencyId_userId: { agencyId: skatt.id, userId: user.id } } });
    // Unchecked, the old list is still lent; the check that follows names another one (and the early answer is dropped).
    expect(unverifiedAgencies("tok1.sig", now())).toBe(early);
    const checked = await cachedAccess("tok1.sig", pool, load, now());
    expect(checked!.agencies).not.toBe(early);
    expect(slugs(checked)).toEqual(["nav"]);
    expect(unverifiedAgencies("tok1.other", now())).toBeNull();
  });
});
