import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { adminQuery, assertLocalDatabase, withDatabase } from "../helpers/pgServer";
import { inviteLinkFromMail } from "./fixtures";

/**
 * A real installation from an empty database: a second instance of the product, without demo data,
 * next to the demo one the other specs use. The first administrator comes from the real command
 * line (`npm run admin -- create-admin`), everyone else from invitations read in the mail catcher.
 */
let PORT = 0;
let BASE = "";
const ADMIN = { email: "drift@etat.test", name: "Drift Etat", password: "driftens eget passord 2026" };
const EDITOR = { email: "redaktor@vegvesen.test", name: "Rita Redaktør", password: "ritas lange hemmelige setning" };

let server: ChildProcess | null = null;
let env: NodeJS.ProcessEnv;
let dropDatabase: (() => Promise<void>) | null = null;

test.describe.configure({ mode: "serial" });
// Each test opens its own browser contexts on the second instance (its address is known only at run time).

/** A port nobody listens on now (other test runs share this machine). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  PORT = await freePort();
  BASE = `http://127.0.0.1:${PORT}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "kanal-boot-"));
  chmodSync(dataDir, 0o755); // as root, an embedded PostgreSQL runs as its own system user
  const server0 = process.env.DATABASE_URL;
  let databaseUrl: string | undefined;
  if (server0) {
    assertLocalDatabase(server0);
    const name = `kanal_boot_${process.pid}`;
    await adminQuery(server0, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(server0, `CREATE DATABASE ${name}`);
    databaseUrl = withDatabase(server0, name);
    dropDatabase = () => adminQuery(server0, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  env = {
    ...process.env,
    PORT: String(PORT),
    HOST: "127.0.0.1",
    PUBLIC_URL: BASE,
    DATA_DIR: dataDir,
    DEMO_DATA: "off",
    SANDBOX: "off",
    SCHEDULER: "off",
    WORKERS: "off",
    MAIL_CATCHER_PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.SMTP_HOST;
  delete env.DEMO_ADMIN_PASSWORD;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  // Its own process group, so stopping it stops tsx's node child too.
  server = spawn("node_modules/.bin/tsx", ["scripts/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout!.on("data", () => undefined);
  server.stderr!.on("data", (d: Buffer) => process.stderr.write(`[bootstrap server] ${d}`));
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${BASE}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
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

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("E-postadresse").fill(who.email);
  await page.getByLabel("Passord").fill(who.password);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Virksomheter" })).toBeVisible();
}

function admin(...args: string[]) {
  const run = spawnSync("node_modules/.bin/tsx", ["scripts/admin.ts", ...args], {
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

test("from an empty database: create-admin link → password → agency → invited editor who sees only that agency", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const page = await (await browser.newContext({ baseURL: BASE, locale: "nb-NO" })).newPage();
  // Nobody can sign in yet: there is no default account.
  expect(admin("list-admins").out).toContain("no installation administrators yet");
  expect(admin("create-admin").err).toMatch(/^usage: npm run admin -- create-admin --email <address>/);

  const created = admin("create-admin", "--email", ADMIN.email);
  expect(created.status).toBe(0);
  const link = /http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{43}/.exec(created.out)?.[0];
  expect(link, created.out + created.err).toBeTruthy();

  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1, name: "Invitasjon til Kanalmåling" })).toBeVisible();
  await expectAccessible(page);
  await expect(
    page.getByText("Du er invitert som administrator for denne installasjonen av Kanalmåling."),
  ).toBeVisible();
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
  await expectAccessible(page);

  // Two agencies; a bad time zone is refused at its field with what was typed kept.
  await page.goto("/admin/agencies");
  await expectAccessible(page);
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
  await page.reload();
  await expectAccessible(page);

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

test("afterwards: settings, archiving, ending someone's sessions, and a password change that signs out the other devices", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext({ baseURL: BASE, locale: "nb-NO" })).newPage();
  await signIn(page, ADMIN);
  // The agency's own settings, with a bad time zone refused at its field.
  await page.goto("/agencies/vegvesen/settings");
  await expectAccessible(page);
  await page.getByLabel(/Tidssone/).fill("Oslo");
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(page.getByLabel(/Tidssone/)).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel(/Tidssone/).fill("Europe/Stockholm");
  await page.getByLabel(/Hvor lenge svar beholdes/).fill("6");
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(page.getByRole("status")).toHaveText("Innstillingene er lagret.");
  await page.reload();
  await expect(page.getByLabel(/Tidssone/)).toHaveValue("Europe/Stockholm");
  await expect(page.getByLabel(/Hvor lenge svar beholdes/)).toHaveValue("6");

  // The old hole: an admin who smuggles a name and password into the invite form still creates no account,
  // so nobody but the invited person can ever sign in as them.
  await page.goto("/agencies/vegvesen/members");
  const invite = page.getByRole("form", { name: "Inviter en person" });
  await invite.evaluate((f) => {
    for (const [name, value] of [
      ["name", "Angriper"],
      ["password", "admin-valgt-passord-2026"],
    ]) {
      const input = document.createElement("input");
      Object.assign(input, { type: "hidden", name, value });
      f.appendChild(input);
    }
  });
  await invite.getByLabel("E-postadresse").fill("analyst@annen.test");
  await invite.getByRole("button", { name: "Send invitasjon" }).click();
  await expect(invite.getByRole("status")).toHaveText("Invitasjonen er sendt til analyst@annen.test.");
  const attempt = await page.request.post("/api/auth/sign-in/email", {
    data: { email: "analyst@annen.test", password: "admin-valgt-passord-2026" },
    headers: { origin: BASE },
  });
  expect(attempt.status()).toBe(401);

  // Archive and restore an agency.
  await page.goto("/admin/agencies");
  await page.getByRole("button", { name: "Arkiver Annen etat" }).click();
  await expect(page.locator("p.notice[role=status]")).toHaveText("Virksomheten er arkivert.");
  await expect(page.locator('tr[data-agency="annen-etat"]')).toContainText("arkivert");
  await page.getByRole("button", { name: "Gjenopprett Annen etat" }).click();
  await expect(page.locator("p.notice[role=status]")).toHaveText("Virksomheten er gjenopprettet.");

  // The editor is signed in on two devices; the admin signs them out everywhere.
  const laptop = await browser.newContext({ baseURL: BASE, locale: "nb-NO" });
  const phone = await browser.newContext({ baseURL: BASE, locale: "nb-NO" });
  const [laptopPage, phonePage] = [await laptop.newPage(), await phone.newPage()];
  await signIn(laptopPage, EDITOR);
  await signIn(phonePage, EDITOR);
  await page.goto("/agencies/vegvesen/members");
  await page.getByRole("button", { name: `Logg ut overalt: ${EDITOR.email}` }).click();
  await expect(page.locator("p.notice[role=status]")).toHaveText("Personen er logget ut på alle enheter.");
  await laptopPage.goto("/");
  await expect(laptopPage).toHaveURL(/\/login/);
  await phonePage.goto("/");
  await expect(phonePage).toHaveURL(/\/login/);

  // The editor changes their password on the laptop: the phone's session ends, the laptop's stays.
  await signIn(laptopPage, EDITOR);
  await signIn(phonePage, EDITOR);
  await laptopPage.goto("/account");
  await expectAccessible(laptopPage);
  const form = laptopPage.locator("main form");
  await form.getByLabel("Nåværende passord").fill("ikke mitt passord");
  await form.getByLabel("Nytt passord").fill("et helt nytt langt passord");
  await form.getByLabel("Gjenta passordet").fill("et helt nytt langt passord");
  await form.getByRole("button", { name: "Bytt passord" }).click();
  await expect(form.getByLabel("Nåværende passord")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Nåværende passord").fill(EDITOR.password);
  await form.getByLabel("Nytt passord").fill("aaaaaaaaaaaa");
  await form.getByLabel("Gjenta passordet").fill("aaaaaaaaaaaa");
  await form.getByRole("button", { name: "Bytt passord" }).click();
  await expect(form.getByLabel("Nytt passord")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Nåværende passord").fill(EDITOR.password);
  await form.getByLabel("Nytt passord").fill("et helt nytt langt passord");
  await form.getByLabel("Gjenta passordet").fill("et helt nytt langt passord");
  await form.getByRole("button", { name: "Bytt passord" }).click();
  await expect(form.getByRole("status")).toHaveText("Passordet er byttet. Du er logget ut på alle andre enheter.");
  await phonePage.goto("/");
  await expect(phonePage).toHaveURL(/\/login/);
  await laptopPage.goto("/");
  await expect(laptopPage.getByRole("heading", { level: 2 })).toHaveText(["Statens vegvesen"]);
  await laptop.close();
  await phone.close();
});
