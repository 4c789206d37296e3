import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import pg from "pg";
import { addDays, type Day } from "@/lib/time";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const ADMIN = { email: "admin@demo.kanalmaaling.test", password: "e2e-demo-passord-2026" };
/** Invited through the members page by auth.setup.ts (sets their own password): a viewer of Oslo politidistrikt only. */
export const OSLO_VIEWER = { email: "leser@oslo.test", password: "e2e-leser-passord-2026", name: "Leser Oslo" };
/** Invited the same way: an editor of Oslo politidistrikt (inputs and work items, not members or settings). */
export const OSLO_EDITOR = {
  email: "redaktor@oslo.test",
  password: "e2e-redaktor-passord-2026",
  name: "Redaktør Oslo",
};
export const STATE = {
  admin: ".tmp/e2e-admin.json",
  osloViewer: ".tmp/e2e-oslo-viewer.json",
  osloEditor: ".tmp/e2e-oslo-editor.json",
};

export function runInfoFile(port = E2E_PORT): string {
  return path.resolve(".tmp", `e2e-${port}.json`);
}

function runInfo(): { databaseUrl: string; dataDir: string; startDay: Day } {
  return JSON.parse(readFileSync(runInfoFile(), "utf8"));
}

/**
 * The last day of the demo history: the day before the app under test started (in Oslo). Taken from
 * the server's start rather than the test's clock, so a run that crosses midnight still agrees with
 * what was loaded. Call it inside tests: the file is written when the web server starts.
 */
export function demoLastDay(): Day {
  return addDays(runInfo().startDay, -1);
}

/** Forgets sign-in attempts from this machine (throttling counts them per address), so the next test can sign in. */
export async function clearSignInThrottles(): Promise<void> {
  await withAppDatabase((c) =>
    c.query(`DO $$ BEGIN
      IF to_regclass('auth_rate_limit') IS NOT NULL THEN DELETE FROM auth_rate_limit; END IF;
      IF to_regclass('sign_in_throttle') IS NOT NULL THEN DELETE FROM sign_in_throttle; END IF;
    END $$`),
  );
}

/** A direct connection to the database the app under test uses (for moving clocks and checks). */
export async function withAppDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const { databaseUrl } = runInfo();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The newest invitation link the local mail catcher received for `email` (as a path, /invite/<token>),
 * read from the outbox files the way a person reads their mail. Waits for the mail to arrive.
 */
export async function inviteLinkFromMail(email: string, dataDir = runInfo().dataDir, after = 0): Promise<string> {
  const dir = path.join(dataDir, "mailbox");
  for (let attempt = 0; attempt < 50; attempt++) {
    const files = (() => {
      try {
        return readdirSync(dir)
          .filter((f) => f.endsWith(".eml"))
          .sort()
          .reverse();
      } catch {
        return [];
      }
    })();
    for (const file of files) {
      const mail = await simpleParser(readFileSync(path.join(dir, file)));
      const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
        a.value.map((v) => v.address?.toLowerCase()),
      );
      if (!to.includes(email.toLowerCase()) || (mail.date?.getTime() ?? 0) < after) continue;
      const link = /\/invite\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? "");
      if (link) return link[0];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no invitation mail for ${email} in ${dir}`);
}
