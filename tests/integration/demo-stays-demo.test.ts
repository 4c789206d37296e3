import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_ADMIN_EMAIL, createLocalUser, grantMembership } from "@/lib/auth/users";
import { loadConfig } from "@/lib/config";
import { setUpDemo } from "@/lib/demo/setup";
import { ensureDataDir, resolveKeys } from "@/lib/keys";
import { forgetSharedDemoLogin, rememberDemoLogin } from "../../scripts/demo-login";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const KEY = "5a".repeat(32);
const tmp = mkdtempSync(path.join(os.tmpdir(), "kanal-demo-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const demoAdminAgencies = async () => {
  const rows = await t.db.membership.findMany({
    where: { user: { email: DEMO_ADMIN_EMAIL } },
    select: { agency: { select: { slug: true, isDemo: true } } },
  });
  return rows.map((r) => r.agency);
};
const restart = (demoData: "on" | "off", password?: string) =>
  setUpDemo(t.db, { demoData, pseudonymisationKey: KEY, password });

describe("demo stays demo", () => {
  it("a start on an external database with demo data off leaves it empty", async () => {
    const config = loadConfig({ DATABASE_URL: t.url });
    expect(config.DEMO_DATA).toBe("off");
    expect(await restart(config.DEMO_DATA)).toBeNull();
    expect(await t.db.agency.count()).toBe(0);
    expect(await t.db.user.count()).toBe(0);
  });

  it("DEMO_DATA=on loads demo agencies marked as demo, with the demo admin as their admin", async () => {
    const login = await restart(loadConfig({ DATABASE_URL: t.url, DEMO_DATA: "on" }).DEMO_DATA, "demo-passord-2026");
    expect(login).toMatchObject({ email: DEMO_ADMIN_EMAIL, password: "demo-passord-2026", created: true });
    const agencies = await t.db.agency.findMany();
    expect(agencies.length).toBeGreaterThan(0);
    expect(agencies.every((a) => a.isDemo)).toBe(true);
    expect((await demoAdminAgencies()).length).toBe(agencies.length);
  }, 180_000);

  it("the demo admin never becomes a member of an agency people created, across restarts", async () => {
    const real = await t.db.agency.create({
      data: { slug: "ekte-etat", name: "Ekte etat", timeZone: "Europe/Oslo", locale: "nb" },
    });
    const person = await createLocalUser(t.db, {
      email: "sjef@ekte.test",
      name: "Sjef",
      password: "ekte-passord-2026",
    });
    await grantMembership(t.db, { userId: person.id, agencyId: real.id, role: "admin" });
    await restart("on");
    await restart("on", "demo-passord-2026");
    const slugs = (await demoAdminAgencies()).map((a) => a.slug);
    expect(slugs).not.toContain("ekte-etat");
    expect((await demoAdminAgencies()).every((a) => a.isDemo)).toBe(true);
  });

  it("a demo admin membership that an admin removed stays removed after a restart", async () => {
    const oslo = await t.db.agency.findUniqueOrThrow({ where: { slug: "oslo-politidistrikt" } });
    await t.db.membership.deleteMany({ where: { agencyId: oslo.id, user: { email: DEMO_ADMIN_EMAIL } } });
    await restart("on");
    await restart("on", "nytt-demo-passord-2026");
    expect((await demoAdminAgencies()).map((a) => a.slug)).not.toContain("oslo-politidistrikt");
  });

  it("a database whose agencies were all created by people gets no demo admin, even with DEMO_DATA=on", async () => {
    await t.db.membership.deleteMany({ where: { user: { email: DEMO_ADMIN_EMAIL } } });
    await t.db.user.deleteMany({ where: { email: DEMO_ADMIN_EMAIL } });
    await t.db.agency.deleteMany({ where: { isDemo: true } });
    expect(await restart("on")).toBeNull();
    expect(await t.db.user.count({ where: { email: DEMO_ADMIN_EMAIL } })).toBe(0);
    expect(await t.db.agency.count()).toBe(1);
  }, 180_000);
});

describe("a database started by an earlier version", () => {
  it("gets its demo agencies marked and the demo admin taken out of every other agency by the migration", async () => {
    await t.db.membership.deleteMany({});
    await t.db.agency.deleteMany({});
    await t.db.user.deleteMany({ where: { email: DEMO_ADMIN_EMAIL } });
    const demoAdmin = await createLocalUser(t.db, {
      email: DEMO_ADMIN_EMAIL,
      name: "Demo-administrator",
      password: "demo-passord-2026",
    });
    const oslo = await t.db.agency.create({ data: { slug: "oslo-politidistrikt", name: "Oslo politidistrikt" } });
    const real = await t.db.agency.create({ data: { slug: "kommunen", name: "Kommunen" } });
    for (const a of [oslo, real]) await grantMembership(t.db, { userId: demoAdmin.id, agencyId: a.id, role: "admin" });
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      await client.query(
        readFileSync(path.resolve("prisma/migrations/20261201300000_demo_agencies/migration.sql"), "utf8"),
      );
    } finally {
      await client.end();
    }
    expect((await t.db.agency.findUniqueOrThrow({ where: { id: oslo.id } })).isDemo).toBe(true);
    expect((await t.db.agency.findUniqueOrThrow({ where: { id: real.id } })).isDemo).toBe(false);
    expect((await demoAdminAgencies()).map((a) => a.slug)).toEqual(["oslo-politidistrikt"]);
  }, 60_000);
});

describe("start-up files", () => {
  it("starts with keys from the environment and a DATA_DIR that does not exist yet", () => {
    const dataDir = path.join(tmp, "finnes", "ikke");
    const config = loadConfig({
      DATA_DIR: dataDir,
      PSEUDONYMISATION_KEY: KEY,
      CREDENTIALS_KEY: "6b".repeat(32),
      AUTH_SECRET: "7c".repeat(32),
    });
    expect(ensureDataDir(config.DATA_DIR)).toBe(path.resolve(dataDir));
    expect(existsSync(dataDir)).toBe(true);
    expect(resolveKeys(config).source).toBe("environment");
    expect(() => forgetSharedDemoLogin(dataDir)).not.toThrow();
  });

  it("shows the demo password only for the cluster it was made for", () => {
    const clusterA = ensureDataDir(path.join(tmp, "a", "postgres"));
    const clusterB = ensureDataDir(path.join(tmp, "b", "postgres"));
    rememberDemoLogin(clusterA, { email: DEMO_ADMIN_EMAIL, password: "passord-for-a-2026" });
    expect(rememberDemoLogin(clusterA, { email: DEMO_ADMIN_EMAIL, password: null }).password).toBe(
      "passord-for-a-2026",
    );
    expect(rememberDemoLogin(clusterB, { email: DEMO_ADMIN_EMAIL, password: null }).password).toBeNull();
  });
});
