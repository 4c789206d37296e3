import { createHash, randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocalUser, grantMembership } from "@/lib/auth/users";
import { listPendingSsoPeople, revokeUnmappedSsoMemberships, syncSsoMemberships } from "@/lib/auth/ssoMemberships";
import { saveFlow, takeFlow } from "@/lib/auth/sso/flow";
import { resolveSsoSignIn, SSO_PROVIDER_ID } from "@/lib/auth/sso/signIn";
import { allowSsoStart, SSO_START_LIMIT, ssoStartCompleted } from "@/lib/auth/sso/startLimit";
import type { SsoClaims } from "@/lib/auth/sso/provider";
import { createEmptyDatabase, useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
let oslo: string, ministry: string, bergen: string;

beforeAll(async () => {
  const agency = (slug: string) =>
    t.db.agency.create({ data: { slug, name: slug, timeZone: "Europe/Oslo", locale: "nb" } });
  oslo = (await agency("oslo")).id;
  ministry = (await agency("hod")).id;
  bergen = (await agency("bergen")).id;
  await t.db.ssoGroupRole.createMany({
    data: [
      { agencyId: oslo, groupValue: "oslo-lesere", role: "viewer" },
      { agencyId: oslo, groupValue: "oslo-kommunikasjon", role: "editor" },
      { agencyId: ministry, groupValue: "hod-admin", role: "admin" },
      { agencyId: bergen, groupValue: "bergen-lesere", role: "viewer" },
    ],
  });
});

const ISSUER = "https://login.etat.test";
const claims = (over: Partial<SsoClaims>): SsoClaims => ({
  issuer: ISSUER,
  subject: randomBytes(8).toString("hex"),
  email: null,
  emailVerified: true,
  name: "Navn",
  groups: [],
  ...over,
});
const membershipsOf = (userId: string) =>
  t.db.membership.findMany({
    where: { userId },
    select: { agencyId: true, role: true, source: true },
    orderBy: { agencyId: "asc" },
  });
const sorted = <T extends { agencyId: string }>(rows: T[]) =>
  [...rows].sort((a, b) => a.agencyId.localeCompare(b.agencyId));

async function ssoPerson(email: string) {
  const out = await resolveSsoSignIn(t.db, claims({ email }), { inviteToken: null, ip: "10.1.0.1" });
  if (out.kind !== "signed_in") throw new Error("expected a sign-in");
  return out.userId;
}

describe("memberships from the identity provider's groups", () => {
  it("gives each agency the highest role any of the person's groups maps to there", async () => {
    const userId = await ssoPerson("gruppe1@etat.test");
    const result = await syncSsoMemberships(t.db, userId, [
      "oslo-lesere",
      "oslo-kommunikasjon",
      "hod-admin",
      "ukjent-gruppe",
    ]);
    expect(result.added).toHaveLength(2);
    expect(await membershipsOf(userId)).toEqual(
      sorted([
        { agencyId: oslo, role: "editor", source: "sso_group" },
        { agencyId: ministry, role: "admin", source: "sso_group" },
      ]),
    );
  });

  it("removes a membership when its group is gone at the next sign-in, and lowers a role when a stronger group is gone", async () => {
    const userId = await ssoPerson("gruppe2@etat.test");
    await syncSsoMemberships(t.db, userId, ["oslo-kommunikasjon", "hod-admin"]);
    const result = await syncSsoMemberships(t.db, userId, ["oslo-lesere"]);
    expect(result.removed).toEqual([{ agencyId: ministry, role: "admin" }]);
    expect(result.changed).toEqual([{ agencyId: oslo, role: "viewer", from: "editor" }]);
    expect(await membershipsOf(userId)).toEqual([{ agencyId: oslo, role: "viewer", source: "sso_group" }]);
    await syncSsoMemberships(t.db, userId, []);
    expect(await membershipsOf(userId)).toEqual([]);
  });

  it("never removes or changes a membership an admin granted by hand", async () => {
    const userId = await ssoPerson("manuell@etat.test");
    await grantMembership(t.db, { userId, agencyId: bergen, role: "admin" });
    await syncSsoMemberships(t.db, userId, ["bergen-lesere", "oslo-lesere"]);
    await syncSsoMemberships(t.db, userId, []);
    expect(await membershipsOf(userId)).toEqual([{ agencyId: bergen, role: "admin", source: "manual" }]);
  });

  it("ends memberships at once when an admin removes the group mapping they came from", async () => {
    const agency = await t.db.agency.create({
      data: { slug: "tromso", name: "Tromsø", timeZone: "Europe/Oslo", locale: "nb" },
    });
    await t.db.ssoGroupRole.createMany({
      data: [
        { agencyId: agency.id, groupValue: "tromso-a", role: "editor" },
        { agencyId: agency.id, groupValue: "tromso-b", role: "viewer" },
      ],
    });
    const a = await resolveSsoSignIn(t.db, claims({ email: "tromso-a@etat.test", groups: ["tromso-a"] }), {
      inviteToken: null,
      ip: null,
    });
    const ab = await resolveSsoSignIn(
      t.db,
      claims({ email: "tromso-ab@etat.test", groups: ["tromso-a", "tromso-b"] }),
      { inviteToken: null, ip: null },
    );
    if (a.kind !== "signed_in" || ab.kind !== "signed_in") throw new Error("expected sign-ins");
    await t.db.ssoGroupRole.delete({ where: { agencyId_groupValue: { agencyId: agency.id, groupValue: "tromso-a" } } });
    const ended = await revokeUnmappedSsoMemberships(t.db, agency.id);
    expect(ended.map((e) => e.userId)).toEqual([a.userId]);
    expect(await membershipsOf(a.userId)).toEqual([]);
    expect(await membershipsOf(ab.userId)).toEqual([{ agencyId: agency.id, role: "viewer", source: "sso_group" }]);
  });
});

describe("who an SSO sign-in is", () => {
  it("creates a new person at the first sign-in and finds the same person by subject afterwards", async () => {
    const first = await resolveSsoSignIn(
      t.db,
      claims({ subject: "sub-ny", email: "ny@etat.test", groups: ["oslo-lesere"] }),
      { inviteToken: null, ip: null },
    );
    expect(first).toMatchObject({ kind: "signed_in", hasAccess: true });
    // The e-mail changed at the provider: still the same person, found by subject.
    const again = await resolveSsoSignIn(
      t.db,
      claims({ subject: "sub-ny", email: "nytt-navn@etat.test", groups: ["oslo-lesere"] }),
      { inviteToken: null, ip: null },
    );
    expect(again).toEqual(first);
    const identities = await t.db.authIdentity.findMany({
      where: { providerId: SSO_PROVIDER_ID, accountId: "sub-ny" },
    });
    expect(identities).toHaveLength(1);
  });

  it("refuses an identity whose e-mail belongs to an existing local account, and links nothing", async () => {
    const admin = await createLocalUser(t.db, {
      email: "admin@etat.test",
      name: "Admin",
      password: "et-langt-passord-2026",
    });
    await grantMembership(t.db, { userId: admin.id, agencyId: oslo, role: "admin" });
    const before = await t.db.user.findUniqueOrThrow({
      where: { id: admin.id },
      include: { identities: true, memberships: true },
    });
    const out = await resolveSsoSignIn(
      t.db,
      claims({ subject: "angriper", email: "ADMIN@etat.test".toLowerCase(), groups: ["hod-admin"] }),
      { inviteToken: null, ip: "10.9.9.9" },
    );
    expect(out).toEqual({ kind: "refused", reason: "email_taken" });
    expect(
      await t.db.user.findUniqueOrThrow({ where: { id: admin.id }, include: { identities: true, memberships: true } }),
    ).toEqual(before);
    expect(await t.db.authIdentity.count({ where: { accountId: "angriper" } })).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: "sso_refused", target: "admin@etat.test" } })).toBe(1);
  });

  it("does not take the same subject at another provider for the same person", async () => {
    const first = await resolveSsoSignIn(t.db, claims({ subject: "sub-42", email: "førti-to@etat.test" }), {
      inviteToken: null,
      ip: null,
    });
    expect(first.kind).toBe("signed_in");
    const elsewhere = await resolveSsoSignIn(
      t.db,
      claims({ issuer: "https://annen-idp.test", subject: "sub-42", email: "noen@annen.test" }),
      { inviteToken: null, ip: null },
    );
    expect(elsewhere).toEqual({ kind: "refused", reason: "other_issuer" });
  });

  it("refuses a provider that sends no e-mail for a new person", async () => {
    expect(await resolveSsoSignIn(t.db, claims({ email: null }), { inviteToken: null, ip: null })).toEqual({
      kind: "refused",
      reason: "no_email",
    });
  });

  it("attaches the identity to the invited person and accepts the invitation, whatever e-mail the provider sends", async () => {
    const token = randomBytes(32).toString("base64url");
    await t.db.invitation.create({
      data: {
        email: "invitert@etat.test",
        agencyId: bergen,
        role: "editor",
        tokenHash: createHash("sha256").update(token).digest("hex"),
        expiresAt: new Date(Date.now() + 3600_000),
      },
    });
    const out = await resolveSsoSignIn(t.db, claims({ subject: "sub-invitert", email: "annen@idp.test" }), {
      inviteToken: token,
      ip: null,
    });
    if (out.kind !== "signed_in") throw new Error("expected a sign-in");
    const user = await t.db.user.findUniqueOrThrow({ where: { id: out.userId }, include: { identities: true } });
    expect(user.email).toBe("invitert@etat.test");
    expect(user.identities.map((i) => [i.providerId, i.accountId])).toEqual([[SSO_PROVIDER_ID, "sub-invitert"]]);
    expect(await membershipsOf(out.userId)).toEqual([{ agencyId: bergen, role: "editor", source: "manual" }]);
    expect((await t.db.invitation.findFirstOrThrow({ where: { email: "invitert@etat.test" } })).acceptedByUserId).toBe(
      out.userId,
    );
    // Used once: the same link cannot attach another identity.
    const reuse = await resolveSsoSignIn(t.db, claims({ subject: "sub-noen-andre", email: "invitert@etat.test" }), {
      inviteToken: token,
      ip: null,
    });
    expect(reuse).toEqual({ kind: "refused", reason: "email_taken" });
  });

  it("lists a person without any mapped group as pending until a group gives them a role", async () => {
    const out = await resolveSsoSignIn(
      t.db,
      claims({ subject: "sub-venter", email: "venter@etat.test", groups: ["ikke-koblet"] }),
      { inviteToken: null, ip: null },
    );
    expect(out).toMatchObject({ kind: "signed_in", hasAccess: false });
    expect((await listPendingSsoPeople(t.db)).find((p) => p.user.email === "venter@etat.test")?.groups).toEqual([
      "ikke-koblet",
    ]);
    await t.db.ssoGroupRole.create({ data: { agencyId: oslo, groupValue: "ikke-koblet", role: "viewer" } });
    expect(
      await resolveSsoSignIn(
        t.db,
        claims({ subject: "sub-venter", email: "venter@etat.test", groups: ["ikke-koblet"] }),
        { inviteToken: null, ip: null },
      ),
    ).toMatchObject({ kind: "signed_in", hasAccess: true });
    expect((await listPendingSsoPeople(t.db)).some((p) => p.user.email === "venter@etat.test")).toBe(false);
  });
});

describe("an SSO sign-in in flight", () => {
  it("is kept server-side and can be completed only once", async () => {
    const id = await saveFlow(t.db, {
      state: "s",
      nonce: "n",
      codeVerifier: "v",
      next: "/agencies/oslo",
      invite: null,
    });
    expect(await takeFlow(t.db, id)).toEqual({
      state: "s",
      nonce: "n",
      codeVerifier: "v",
      next: "/agencies/oslo",
      invite: null,
    });
    expect(await takeFlow(t.db, id)).toBeNull();
    expect(await takeFlow(t.db, "not-an-id")).toBeNull();
  });

  it(`allows ${SSO_START_LIMIT.free} unfinished starts per address, then waits; finished sign-ins do not count`, async () => {
    const now = new Date("2026-12-01T08:00:00Z");
    for (let i = 0; i < SSO_START_LIMIT.free; i++) expect(await allowSsoStart(t.db, "10.2.0.1", now)).toBe(true);
    expect(await allowSsoStart(t.db, "10.2.0.1", now)).toBe(false);
    expect(await allowSsoStart(t.db, "10.2.0.2", now)).toBe(true);
    // An office signing in all morning: each start finishes, so the address never fills up.
    for (let i = 0; i < SSO_START_LIMIT.free * 3; i++) {
      expect(await allowSsoStart(t.db, "10.2.0.3", now)).toBe(true);
      await ssoStartCompleted(t.db, "10.2.0.3");
    }
    // The blocked address drains with time.
    const later = new Date(now.getTime() + SSO_START_LIMIT.leakSeconds * 1000 * (SSO_START_LIMIT.free + 5));
    expect(await allowSsoStart(t.db, "10.2.0.1", later)).toBe(true);
  });
});

describe("upgrading an installation that ran the earlier better-auth SSO", () => {
  it("removes SSO identities that were linked onto password accounts by e-mail, and keeps those of people SSO created", async () => {
    const before = mkdtempSync(path.join(os.tmpdir(), "kanal-mig-"));
    for (const folder of readdirSync("prisma/migrations").filter((f) => f < "20261201200000"))
      cpSync(path.join("prisma/migrations", folder), path.join(before, folder), { recursive: true });
    const empty = await createEmptyDatabase();
    const client = new pg.Client({ connectionString: empty.url });
    try {
      await migrate(empty.url, before);
      await client.connect();
      await client.query(
        `INSERT INTO app_user (id, name, email) VALUES ('local', 'Lokal', 'admin@etat.test'), ('sso', 'SSO', 'sso@etat.test')`,
      );
      await client.query(`INSERT INTO auth_identity (id, account_id, provider_id, user_id, password) VALUES
        ('c1', 'local', 'credential', 'local', 'hash'), ('s1', 'idp-angriper', 'agency-sso', 'local', NULL), ('s2', 'idp-sso', 'agency-sso', 'sso', NULL)`);
      await migrate(empty.url);
      const rows = (await client.query(`SELECT id FROM auth_identity ORDER BY id`)).rows.map((r) => r.id);
      expect(rows).toEqual(["c1", "s2"]);
    } finally {
      await client.end();
      await empty.drop();
      rmSync(before, { recursive: true, force: true });
    }
  });
});
