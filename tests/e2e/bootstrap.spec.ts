import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { adminQuery, assertLocalDatabase, withDatabase } from "../helpers/pgServer";
import { E2E_PORT, inviteLinkFromMail } from "./fixtures";

/**
 * A real installation from an empty database: a second instance of the product, without demo data,
 * next to the demo one the other specs use. The first administrator comes from the real command
 * line (`npm run admin -- create-admin`), everyone else from invitations read in the mail catcher.
 */
const PORT = E2E_PORT + 50;
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN = { email: "drift@etat.test", name: "Drift Etat", password: "driftens eget passord 2026" };
const EDITOR = { email: "redaktor@vegvesen.test", name: "Rita Redaktør", password: "ritas lange hemmelige setning" };

let server: ChildProcess | null = null;
let env: NodeJS.ProcessEnv;
let dropDatabase: (() => Promise<void>) | null = null;

test.describe.configure({ mode: "serial" });
test.use({ storageState: { cookies: [], origins: [] }, baseURL: BASE, locale: "nb-NO" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "kanal-boot-"));
  chmodSync(dataDir, 0o755); // as root, an embedded PostgreSQL runs as its own system user
  const server0 = process.env.DATABASE_URL;
  let databaseUrl: string | undefined;
  if (server0) {
    assertLocalDatabase(server0);
    const name = `kanal_boot_${PORT}`;
    await adminQuery(server0, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(server0, `CREATE DATABASE ${name}`);
    databaseUrl = withDatabase(server0, name);
    dropDatabase = () => adminQuery(server0, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  env = {
    ...process.env,
    PORT: String(PORT), HOST: "127.0.0.1", PUBLIC_URL: BASE, DATA_DIR: dataDir,
    DEMO_DATA: "off", SANDBOX: "off", SCHEDULER: "off", WORKERS: "off",
    MAIL_CATCHER_PORT: String(PORT + 10_000), EMBEDDED_PG_PORT: String(PORT + 50_000),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.SMTP_HOST;
  delete env.DEMO_ADMIN_PASSWORD;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  // Its own process group, so stopping it stops tsx's node child too.
  server = spawn("node_modules/.bin/tsx", ["scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  server.stdout!.on("data", () => undefined);
  server.stderr!.on("data", (d: Buffer) => process.stderr.write(`[bootstrap server] ${d}`));
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (await fetch(`${BASE}/api/health`).then((r) => r.ok, () => false)) return;
    if (server.exitCode !== null) throw new Error(`the bootstrap server stopped (exit ${server.exitCode})`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the bootstrap server did not start");
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    process.kill(-server.pid!, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  }
  await dropDatabase?.();
});

function admin(...args: string[]) {
  const run = spawnSync("node_modules/.bin/tsx", ["scripts/admin.ts", ...args], { env, encoding: "utf8", timeout: 60_000 });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

test("from an empty database: create-admin link → password → agency → invited editor who sees only that agency", async ({ page, browser }) => {
  test.setTimeout(180_000);
  // Nobody can sign in yet: there is no default account.
  expect(admin("list-admins").out).toContain("no installation administrators yet");
  expect(admin("create-admin").err).toMatch(/^usage: npm run admin -- create-admin --email <address>/);

  const created = admin("create-admin", "--email", ADMIN.email);
  expect(created.status).toBe(0);
  const link = /http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{43}/.exec(created.out)?.[0];
  expect(link, created.out + created.err).toBeTruthy();

  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1, name: "Invitasjon til Kanalmåling" })).toBeVisible();
  await expect(page.getByText("Du er invitert som administrator for denne installasjonen av Kanalmåling.")).toBeVisible();
  await page.getByLabel("Navn").fill(ADMIN.name);
  await page.getByLabel("Nytt passord").fill("aaaaaaaaaaaa");
  await page.getByLabel("Gjenta passordet").fill("aaaaaaaaaaaa");
  await page.getByRole("button", { name: "Lag konto og logg inn" }).click();
  // Refused, said at the field, and the name is kept.
  await expect(page.getByLabel("Nytt passord")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/Passordet er for vanlig eller for lett å gjette/).first()).toBeVisible();
  await expect(page.getByLabel("Navn")).toHaveValue(ADMIN.name);
  await page.getByLabel("Nytt passord").fill(ADMIN.password);
  await page.getByLabel("Gjenta passordet").fill(ADMIN.password);
  await page.getByRole("button", { name: "Lag konto og logg inn" }).click();
  await expect(page).toHaveURL(/\/admin\/agencies$/);
  await expect(page.getByRole("heading", { level: 1, name: "Virksomheter i installasjonen" })).toBeVisible();
  expect(admin("list-admins").out).toContain(ADMIN.email);

  // The link worked once.
  const again = await page.goto(link!);
  expect(again!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Lenken virker ikke" })).toBeVisible();

  // Two agencies; a bad time zone is refused at its field with what was typed kept.
  await page.goto("/admin/agencies");
  const create = page.getByRole("form", { name: "Lag virksomhet" });
  await create.getByLabel("Navn", { exact: true }).fill("Statens vegvesen");
  await create.getByLabel(/Kortnavn/).fill("vegvesen");
  await create.getByLabel(/Tidssone/).fill("Europe/Olso");
  await create.getByRole("button", { name: "Lag virksomheten" }).click();
  await expect(create.getByLabel(/Tidssone/)).toHaveAttribute("aria-invalid", "true");
  await expect(create.getByLabel("Navn", { exact: true })).toHaveValue("Statens vegvesen");
  await create.getByLabel(/Tidssone/).fill("Europe/Oslo");
  await create.getByRole("button", { name: "Lag virksomheten" }).click();
  await expect(create.getByRole("status")).toHaveText(/Statens vegvesen er laget/);
  await create.getByLabel("Navn", { exact: true }).fill("Annen etat");
  await create.getByLabel(/Kortnavn/).fill("annen-etat");
  await create.getByRole("button", { name: "Lag virksomheten" }).click();
  await expect(create.getByRole("status")).toHaveText(/Annen etat er laget/);

  // Invite an editor into Statens vegvesen.
  const sentAfter = Date.now() - 1_000;
  await page.goto("/agencies/vegvesen/members");
  const invite = page.getByRole("form", { name: "Inviter en person" });
  await invite.getByLabel("E-postadresse").fill(EDITOR.email);
  await invite.getByLabel("Rolle").selectOption("editor");
  await invite.getByRole("button", { name: "Send invitasjon" }).click();
  await expect(invite.getByRole("status")).toHaveText(`Invitasjonen er sendt til ${EDITOR.email}.`);

  // The editor opens the link from the mail, sets a password, and is in.
  const editorLink = await inviteLinkFromMail(EDITOR.email, env.DATA_DIR!, sentAfter);
  const editor = await browser.newContext({ baseURL: BASE, locale: "nb-NO" });
  const editorPage = await editor.newPage();
  await editorPage.goto(editorLink);
  await expect(editorPage.getByText("Du er invitert til Statens vegvesen som redaktør.")).toBeVisible();
  await editorPage.getByLabel("Navn").fill(EDITOR.name);
  await editorPage.getByLabel("Nytt passord").fill(EDITOR.password);
  await editorPage.getByLabel("Gjenta passordet").fill(EDITOR.password);
  await editorPage.getByRole("button", { name: "Lag konto og logg inn" }).click();
  await expect(editorPage).toHaveURL(/\/agencies\/vegvesen$/);

  // Signing in afresh: the editor sees Statens vegvesen and nothing else.
  await editor.clearCookies();
  await editorPage.goto("/login");
  await editorPage.getByLabel("E-postadresse").fill(EDITOR.email);
  await editorPage.getByLabel("Passord").fill(EDITOR.password);
  await editorPage.getByRole("button", { name: "Logg inn" }).click();
  await expect(editorPage.getByRole("heading", { level: 1, name: "Virksomheter" })).toBeVisible();
  await expect(editorPage.getByRole("heading", { level: 2 })).toHaveText(["Statens vegvesen"]);
  expect((await editorPage.goto("/agencies/annen-etat"))!.status()).toBe(404);
  expect((await editorPage.goto("/admin/agencies"))!.status()).toBe(404);
  expect((await editorPage.goto("/agencies/vegvesen/members"))!.status()).toBe(404);
  await editor.close();
});
