import { createHash } from "node:crypto";
import { verifyPassword } from "better-auth/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueDueAccounts, startQueue } from "@/jobs/queue";
import { createAgency, setArchived, updateAgency } from "@/lib/agencies/manage";
import { checkPassword } from "@/lib/auth/password";
import { checkThrottle, clearThrottle, recordFailure, THROTTLE, throttleKeys } from "@/lib/auth/throttle";
import { createLocalUser, grantMembership } from "@/lib/auth/users";
import { changeOwnPassword } from "@/lib/people/password";
import {
  acceptInvitation,
  acceptInvitationWithNewAccount,
  createInvitation,
  findOpenInvitation,
  listOpenInvitations,
  revokeInvitation,
} from "@/lib/people/invitations";
import { visibleAgenciesOf } from "@/lib/permissions/visibleAgencies";
import { dueReportDeliveries } from "@/lib/reports/deliver";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const BASE = "http://kanal.test";
let oslo: { id: string };
let hod: { id: string };

beforeAll(async () => {
  oslo = await t.db.agency.create({ data: { slug: "oslo", name: "Oslo politidistrikt" } });
  hod = await t.db.agency.create({ data: { slug: "hod", name: "Helse- og omsorgsdepartementet" } });
});

const invite = (email: string, agencyId: string | null, role: "viewer" | "editor" | "admin" | null, hours?: number) =>
  createInvitation(t.db, { email, agencyId, role, invitedByUserId: null, hours, baseUrl: BASE });

describe("one-time links", () => {
  it("stores only a SHA-256 of the token, and the link carries the token", async () => {
    const link = await invite("Ny@Oslo.test", oslo.id, "editor");
    expect(link.url).toBe(`${BASE}/invite/${link.token}`);
    const row = await t.db.invitation.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.email).toBe("ny@oslo.test");
    expect(row.tokenHash).toBe(createHash("sha256").update(link.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(link.token);
  });

  it("lets a new person set their own password once; the second use of the link finds nothing", async () => {
    const link = await invite("redaktor@oslo.test", oslo.id, "editor");
    expect(await findOpenInvitation(t.db, link.token)).toMatchObject({
      email: "redaktor@oslo.test",
      agencyId: oslo.id,
      role: "editor",
      agencyName: "Oslo politidistrikt",
    });
    const accepted = await acceptInvitationWithNewAccount(t.db, {
      token: link.token,
      name: "Redaktør",
      password: "en lang og god setning 2026",
    });
    expect(accepted).toMatchObject({ email: "redaktor@oslo.test", agencyId: oslo.id });
    expect((await visibleAgenciesOf(t.db, accepted!.userId)).map((a) => [a.slug, a.role])).toEqual([
      ["oslo", "editor"],
    ]);
    const membership = await t.db.membership.findFirstOrThrow({ where: { userId: accepted!.userId } });
    expect(membership.source).toBe("manual");
    expect(await findOpenInvitation(t.db, link.token)).toBeNull();
    expect(
      await acceptInvitationWithNewAccount(t.db, {
        token: link.token,
        name: "Andre gang",
        password: "en annen lang setning 2026",
      }),
    ).toBeNull();
    expect(await acceptInvitation(t.db, { token: link.token, userId: accepted!.userId })).toBeNull();
    expect(await t.db.user.count({ where: { email: "redaktor@oslo.test" } })).toBe(1);
  });

  it("stops working when it expires", async () => {
    const link = await invite("sen@oslo.test", oslo.id, "viewer");
    await t.db.invitation.update({ where: { id: link.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await findOpenInvitation(t.db, link.token)).toBeNull();
    expect(
      await acceptInvitationWithNewAccount(t.db, {
        token: link.token,
        name: "Sen",
        password: "en lang og god setning 2026",
      }),
    ).toBeNull();
    expect(await t.db.user.count({ where: { email: "sen@oslo.test" } })).toBe(0);
  });

  it("refuses malformed and unknown tokens without touching the database's state", async () => {
    for (const token of ["", "x", "../../etc/passwd", "A".repeat(43), "%FF%FE"])
      expect(await findOpenInvitation(t.db, token)).toBeNull();
  });

  it("gives an existing account only the membership, only after that person accepts, and never touches their password", async () => {
    const user = await createLocalUser(t.db, {
      email: "finnes@hod.test",
      name: "Finnes",
      password: "mitt eget passord 2026",
    });
    const before = (await t.db.authIdentity.findFirstOrThrow({ where: { userId: user.id } })).password;
    const link = await invite("finnes@hod.test", oslo.id, "viewer");
    expect(await visibleAgenciesOf(t.db, user.id)).toEqual([]);
    // The new-account path refuses an e-mail that has an account: no second account, no membership.
    expect(
      await acceptInvitationWithNewAccount(t.db, {
        token: link.token,
        name: "Angriper",
        password: "angriperens passord 2026",
      }),
    ).toBeNull();
    expect(await visibleAgenciesOf(t.db, user.id)).toEqual([]);
    const fresh = await invite("finnes@hod.test", oslo.id, "viewer");
    expect(await acceptInvitation(t.db, { token: fresh.token, userId: user.id })).toMatchObject({
      agencyId: oslo.id,
      role: "viewer",
    });
    expect((await visibleAgenciesOf(t.db, user.id)).map((a) => a.slug)).toEqual(["oslo"]);
    expect((await t.db.authIdentity.findFirstOrThrow({ where: { userId: user.id } })).password).toBe(before);
  });

  it("sending again replaces the earlier link, and a revoked link is dead", async () => {
    const first = await invite("igjen@oslo.test", oslo.id, "viewer");
    const second = await invite("igjen@oslo.test", oslo.id, "viewer");
    expect(await findOpenInvitation(t.db, first.token)).toBeNull();
    expect(await findOpenInvitation(t.db, second.token)).not.toBeNull();
    expect((await listOpenInvitations(t.db, oslo.id)).filter((i) => i.email === "igjen@oslo.test")).toHaveLength(1);
    // Another agency cannot revoke it.
    expect(await revokeInvitation(t.db, { id: second.id, agencyId: hod.id })).toBeNull();
    expect(await revokeInvitation(t.db, { id: second.id, agencyId: oslo.id })).toMatchObject({
      email: "igjen@oslo.test",
    });
    expect(await findOpenInvitation(t.db, second.token)).toBeNull();
  });

  it("makes an installation administrator from an agency-less set-up link, valid 24 hours", async () => {
    const link = await invite("drift@kanal.test", null, null);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    const accepted = await acceptInvitationWithNewAccount(t.db, {
      token: link.token,
      name: "Drift",
      password: "driftens lange passord 2026",
    });
    const user = await t.db.user.findUniqueOrThrow({ where: { id: accepted!.userId } });
    expect(user.installationAdmin).toBe(true);
    expect(await visibleAgenciesOf(t.db, user.id)).toEqual([]);
  });
});

describe("cross-agency regression: an agency admin cannot get into another agency through an account they prepared", () => {
  it("the Oslo admin's invitation of another e-mail creates no account, so the ministry's later invitation cannot hand the Oslo admin a way in", async () => {
    // Before: the Oslo admin created analyst@hod.test with a password of their choosing, the ministry added that
    // e-mail, and the Oslo admin signed in as the analyst. Now an invitation is all an admin can make.
    const osloInvite = await invite("analyst@hod.test", oslo.id, "viewer");
    expect(await t.db.user.count({ where: { email: "analyst@hod.test" } })).toBe(0);
    const hodInvite = await invite("analyst@hod.test", hod.id, "viewer");
    expect(await t.db.user.count({ where: { email: "analyst@hod.test" } })).toBe(0);
    // The Oslo invitation still works for the analyst (it is theirs), and it is separate from the ministry's.
    const analyst = await acceptInvitationWithNewAccount(t.db, {
      token: hodInvite.token,
      name: "Analytiker",
      password: "analytikerens egen setning",
    });
    expect((await visibleAgenciesOf(t.db, analyst!.userId)).map((a) => a.slug)).toEqual(["hod"]);
    const identity = await t.db.authIdentity.findFirstOrThrow({ where: { userId: analyst!.userId } });
    expect(await verifyPassword({ hash: identity.password!, password: "analytikerens egen setning" })).toBe(true);
    // Whatever the Oslo admin wanted to set is not the password.
    expect(await verifyPassword({ hash: identity.password!, password: "oslo-admin-valgte-dette" })).toBe(false);
    expect(await findOpenInvitation(t.db, osloInvite.token)).toMatchObject({ agencyId: oslo.id });
  });
});

describe("password policy", () => {
  it("refuses short, repeated and common passwords and accepts a long sentence", async () => {
    expect(await checkPassword("aaaaaaaaaaaa")).toBe("too_common");
    expect(await checkPassword("kort")).toBe("too_short");
    expect(await checkPassword("password1234")).toBe("too_common");
    expect(await checkPassword("qwertyuiop123")).toBe("too_common");
    expect(await checkPassword("1234567890123")).toBe("too_common");
    expect(await checkPassword("x".repeat(201))).toBe("too_long");
    expect(await checkPassword("kari.nordmann@etat.no", ["kari.nordmann@etat.no"])).toBe("too_common");
    expect(await checkPassword("en lang og god setning 2026")).toBeNull();
  });

  it("changing one's password needs the current one, applies the policy, and ends the other sessions", async () => {
    const user = await createLocalUser(t.db, {
      email: "bytter@oslo.test",
      name: "Bytter",
      password: "det gamle passordet 2026",
    });
    const session = (id: string) => ({
      id,
      token: `tok-${id}`,
      userId: user.id,
      expiresAt: new Date(Date.now() + 3600_000),
    });
    await t.db.authSession.createMany({ data: [session("here"), session("laptop"), session("phone")] });
    const base = { userId: user.id, email: "bytter@oslo.test", keepSessionId: "here" };
    expect(
      await changeOwnPassword(t.db, {
        ...base,
        current: "feil",
        password: "et nytt langt passord 2026",
        repeat: "et nytt langt passord 2026",
      }),
    ).toMatchObject({ ok: false, reason: "current_wrong" });
    expect(
      await changeOwnPassword(t.db, {
        ...base,
        current: "det gamle passordet 2026",
        password: "aaaaaaaaaaaa",
        repeat: "aaaaaaaaaaaa",
      }),
    ).toMatchObject({ ok: false, field: "password", reason: "too_common" });
    expect(await t.db.authSession.count({ where: { userId: user.id } })).toBe(3);
    expect(
      await changeOwnPassword(t.db, {
        ...base,
        current: "det gamle passordet 2026",
        password: "et nytt langt passord 2026",
        repeat: "et nytt langt passord 2026",
      }),
    ).toEqual({ ok: true, endedSessions: 2 });
    expect((await t.db.authSession.findMany({ where: { userId: user.id } })).map((s) => s.id)).toEqual(["here"]);
  });

  it("counts wrong current passwords like failed sign-ins, so a stolen session cannot guess the password", async () => {
    const user = await createLocalUser(t.db, {
      email: "gjett@oslo.test",
      name: "Gjett",
      password: "det riktige passordet 2026",
    });
    const attempt = (current: string) =>
      changeOwnPassword(t.db, {
        userId: user.id,
        email: "gjett@oslo.test",
        keepSessionId: null,
        current,
        password: "et nytt langt passord 2026",
        repeat: "et nytt langt passord 2026",
      });
    for (let i = 0; i <= THROTTLE.account.free; i++)
      expect(await attempt(`gjett ${i}`)).toMatchObject({ reason: "current_wrong" });
    expect(await attempt("det riktige passordet 2026")).toMatchObject({ ok: false, reason: "throttled" });
  });
});

describe("sign-in throttling", () => {
  const now = new Date("2026-11-26T08:00:00Z");
  const later = (s: number) => new Date(now.getTime() + s * 1000);

  it("blocks an account after its free failures, with growing back-off, and forgets it after a success", async () => {
    const keys = throttleKeys({ email: "Mål@Etat.test", ip: "10.1.0.1" }).filter((k) => k.kind === "account");
    expect(keys).toEqual([{ kind: "account", value: "mål@etat.test" }]);
    for (let i = 0; i < THROTTLE.account.free; i++) await recordFailure(t.db, keys, now);
    expect(await checkThrottle(t.db, keys, now)).toEqual({ blocked: false });
    await recordFailure(t.db, keys, now);
    expect(await checkThrottle(t.db, keys, now)).toEqual({ blocked: true, retryAfterSeconds: 30 });
    await recordFailure(t.db, keys, later(30));
    expect(await checkThrottle(t.db, keys, later(30))).toEqual({ blocked: true, retryAfterSeconds: 60 });
    await clearThrottle(t.db, keys);
    expect(await checkThrottle(t.db, keys, later(30))).toEqual({ blocked: false });
  });

  it("does not lock out an office of 200 behind one address over a few typos each, but does stop one address guessing many accounts", async () => {
    const office = "192.0.2.10";
    for (let person = 0; person < 200; person++) {
      // Everyone mistypes once during the morning; one failure every ~30 s from the same address.
      await recordFailure(t.db, throttleKeys({ email: `person${person}@etat.test`, ip: office }), later(person * 30));
      expect(
        await checkThrottle(t.db, throttleKeys({ email: `person${person}@etat.test`, ip: office }), later(person * 30)),
      ).toEqual({ blocked: false });
    }
    const attacker = "198.51.100.7";
    let blockedAfter = 0;
    for (let i = 1; i <= 200 && !blockedAfter; i++) {
      await recordFailure(t.db, throttleKeys({ email: `offer${i}@etat.test`, ip: attacker }), now);
      if ((await checkThrottle(t.db, throttleKeys({ ip: attacker }), now)).blocked) blockedAfter = i;
    }
    expect(blockedAfter).toBe(THROTTLE.address.free + 1);
  });

  it("lets failures leak away with time", async () => {
    const keys = throttleKeys({ email: "glemsk@etat.test" });
    for (let i = 0; i < THROTTLE.account.free; i++) await recordFailure(t.db, keys, now);
    // Two hours later the bucket is empty again: the next failure does not block.
    await recordFailure(t.db, keys, later(7200));
    expect(await checkThrottle(t.db, keys, later(7200))).toEqual({ blocked: false });
    expect((await t.db.signInThrottle.findUniqueOrThrow({ where: { key: "account:glemsk@etat.test" } })).failures).toBe(
      1,
    );
  });
});

describe("agencies", () => {
  it("validates time zones and slugs, and never makes a cycle in the hierarchy", async () => {
    expect(
      await createAgency(t.db, {
        name: "X",
        slug: "Ugyldig Slug",
        timeZone: "Mars/Olympus",
        locale: "de",
        parentId: "ikke-en-id",
      }),
    ).toEqual({ ok: false, problems: ["slug", "time_zone", "locale", "parent"] });
    expect(
      await createAgency(t.db, { name: "Dup", slug: "oslo", timeZone: "Europe/Oslo", locale: "nb", parentId: null }),
    ).toEqual({ ok: false, problems: ["slug_taken"] });
    const parent = await createAgency(t.db, {
      name: "Politidirektoratet",
      slug: "pod",
      timeZone: "Europe/Oslo",
      locale: "nb",
      parentId: null,
    });
    const child = await createAgency(t.db, {
      name: "Sør-Øst",
      slug: "sor-ost",
      timeZone: "Europe/Oslo",
      locale: "nb",
      parentId: parent.ok ? parent.id : null,
    });
    const grandchild = await createAgency(t.db, {
      name: "Sør-Øst lokalt",
      slug: "sor-ost-lokalt",
      timeZone: "Europe/Stockholm",
      locale: "sv",
      parentId: child.ok ? child.id : null,
    });
    if (!parent.ok || !child.ok || !grandchild.ok) throw new Error("create failed");
    expect(await updateAgency(t.db, parent.id, { name: "Politidirektoratet", parentId: grandchild.id })).toEqual({
      ok: false,
      problems: ["parent"],
    });
    expect(await updateAgency(t.db, parent.id, { name: "Politidirektoratet", parentId: parent.id })).toEqual({
      ok: false,
      problems: ["parent"],
    });
    expect(await updateAgency(t.db, grandchild.id, { name: "Lokalt", parentId: parent.id })).toEqual({ ok: true });
    expect(await t.db.agency.findUniqueOrThrow({ where: { id: grandchild.id } })).toMatchObject({
      name: "Lokalt",
      parentId: parent.id,
    });
  });

  it("leaves archived agencies out of collection and weekly reports, while their members still see them", async () => {
    const archived = await t.db.agency.create({ data: { slug: "arkiv", name: "Arkivert etat" } });
    const live = await t.db.agency.create({ data: { slug: "levende", name: "Levende etat" } });
    for (const a of [archived, live])
      await t.db.account.create({
        data: { agencyId: a.id, platform: "twitter", handle: `${a.slug}_x`, displayName: a.name },
      });
    const member = await createLocalUser(t.db, {
      email: "arkivar@arkiv.test",
      name: "Arkivar",
      password: "arkivarens passord 2026",
    });
    await grantMembership(t.db, { userId: member.id, agencyId: archived.id, role: "viewer" });
    await setArchived(t.db, archived.id, true);

    const boss = await startQueue(t.url);
    try {
      const intervals = { minutes: 60, sandboxMinutes: 60 };
      const queuedFor = async () =>
        (
          await t.db.$queryRaw<{ slug: string }[]>`
        SELECT DISTINCT g.slug FROM pgboss.job j JOIN account a ON a.id = (j.data->>'accountId')::uuid JOIN agency g ON g.id = a.agency_id
        WHERE g.slug IN ('arkiv', 'levende')`
        )
          .map((r) => r.slug)
          .sort();
      await enqueueDueAccounts(boss, t.db, intervals);
      expect(await queuedFor()).toEqual(["levende"]);
      await setArchived(t.db, archived.id, false);
      await enqueueDueAccounts(boss, t.db, intervals);
      expect(await queuedFor()).toEqual(["arkiv", "levende"]);
    } finally {
      await boss.stop({ graceful: false });
    }
    await setArchived(t.db, archived.id, true);
    expect((await visibleAgenciesOf(t.db, member.id)).map((a) => a.slug)).toEqual(["arkiv"]);

    await t.db.reportSubscription.create({ data: { agencyId: archived.id, userId: member.id } });
    const due = new Date("2026-11-23T07:05:00Z");
    expect(await dueReportDeliveries(t.db, due)).toEqual([]);
    expect(await t.db.reportDelivery.count({ where: { agencyId: archived.id } })).toBe(0);
    await setArchived(t.db, archived.id, false);
    await dueReportDeliveries(t.db, due);
    expect(await t.db.reportDelivery.count({ where: { agencyId: archived.id } })).toBe(1);
  }, 60_000);
});

afterAll(async () => undefined);
