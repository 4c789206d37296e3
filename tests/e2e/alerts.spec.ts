import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { PgBoss } from "pg-boss";
import { QUEUE_SCHEMA } from "@/jobs/queue";
import { scheduledQueueName } from "@/jobs/scheduler";
import { readFileSync } from "node:fs";
import { runInfoFile, STATE, withAppDatabase } from "./fixtures";

const SLUG = "oslo-politidistrikt";
const HANDLE = "politietoslo";
const SPIKE = 60;
const CITIZEN_TEXT = "E2E-borgertekst som aldri skal stå i et varsel";

const appDatabaseUrl = (): string => JSON.parse(readFileSync(runInfoFile(), "utf8")).databaseUrl;

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Runs the scheduled alert check now, through the app's own queue and workers, and waits until it has run. */
async function runCheck(databaseUrl: string) {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: QUEUE_SCHEMA });
  await boss.start();
  try {
    const queue = scheduledQueueName({ name: "check-alerts" });
    const id = (await boss.send(queue, {}))!;
    await expect.poll(async () => (await boss.getJobById(queue, id))?.state, { timeout: 30_000 }).toBe("completed");
  } finally {
    await boss.stop({ graceful: false });
  }
}

test("a reply spike raises one alert, once, e-mailed once to the subscribed admin, shown with its evidence", async ({
  page,
}) => {
  await page.goto(`/agencies/${SLUG}/alerts`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Varsler: Oslo politidistrikt");
  await page.getByRole("button", { name: "Få varsler på e-post" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Du får nå nye varsler på e-post.");

  // The last complete hour gets sixty replies on a channel that usually has a handful a day.
  const hourStart = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000);
  const accountId = await withAppDatabase(async (client) => {
    const { rows } = await client.query<{ id: string; agency_id: string }>(
      `SELECT a.id, a.agency_id FROM account a JOIN agency g ON g.id = a.agency_id WHERE g.slug = $1 AND a.handle = $2`,
      [SLUG, HANDLE],
    );
    const { id, agency_id } = rows[0]!;
    for (let k = 0; k < SPIKE; k++) {
      await client.query(
        `INSERT INTO reply (agency_id, account_id, platform_reply_id, author_hash, author_display_name, text, published_at)
         VALUES ($1, $2, $3, $4, 'Kari Borger', $5, $6)`,
        [
          agency_id,
          id,
          `e2e-spike-${hourStart.getTime()}-${k}`,
          `e2e-author-${k}`,
          `${CITIZEN_TEXT} ${k}`,
          new Date(hourStart.getTime() + k * 50_000),
        ],
      );
    }
    return id;
  });
  const url = appDatabaseUrl();

  await runCheck(url);
  await runCheck(url);

  const counts = await withAppDatabase(async (client) => {
    const alerts = await client.query<{ id: string; observed: number }>(
      `SELECT id, observed FROM alert WHERE account_id = $1 AND kind = 'reply_spike' AND period_start = $2`,
      [accountId, hourStart],
    );
    const deliveries = await client.query<{ status: string }>(
      `SELECT d.status FROM alert_delivery d JOIN app_user u ON u.id = d.user_id WHERE d.alert_id = $1 AND u.email = 'admin@demo.kanalmaaling.test'`,
      [alerts.rows[0]?.id],
    );
    return { alerts: alerts.rows, deliveries: deliveries.rows };
  });
  expect(counts.alerts).toHaveLength(1);
  expect(counts.alerts[0]!.observed).toBeGreaterThanOrEqual(SPIKE);
  await expect
    .poll(
      async () =>
        withAppDatabase(async (c) =>
          (await c.query(`SELECT status FROM alert_delivery WHERE alert_id = $1`, [counts.alerts[0]!.id])).rows.map(
            (r) => r.status,
          ),
        ),
      { timeout: 30_000 },
    )
    .toEqual(["sent"]);

  // The mail catcher got it, in Norwegian, with an absolute link to the evidence and no citizen's text.
  const subject = `Varsel: Mange svar – X (Twitter) · ${HANDLE} (Oslo politidistrikt)`;
  await page.goto("/mailbox");
  const message = page.getByRole("link", { name: subject });
  await expect(message.first()).toBeVisible();
  await message.first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  expect(await page.content()).not.toContain(CITIZEN_TEXT);
  await page.getByRole("link", { name: "Vis e-posten slik den ble sendt (HTML)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Mange svar – X (Twitter) · ${HANDLE}`);
  const mailHtml = await page.content();
  expect(mailHtml).toMatch(
    new RegExp(
      `http://(?:localhost|127\\.0\\.0\\.1):\\d+/agencies/${SLUG}/replies\\?from=\\d{4}-\\d{2}-\\d{2}&amp;to=\\d{4}-\\d{2}-\\d{2}&amp;bucket=day&amp;channel=${accountId}`,
    ),
  );
  expect(mailHtml).not.toContain(CITIZEN_TEXT);
  expect(mailHtml).not.toContain("Kari Borger");

  // On the alerts page, newest first, with the count in the header and the evidence one click away.
  await page.goto(`/agencies/${SLUG}/alerts`);
  await expect(page.locator("[data-alert-count]")).toContainText(/^\d+ (nytt varsel|nye varsler) siste døgn$/);
  const row = page.locator('tr[data-alert="reply_spike"]', { hasText: HANDLE }).first();
  // The hour's count as stored: the spike plus any reply the demo data or the sandbox put in the same hour.
  await expect(row).toContainText(`${Math.round(counts.alerts[0]!.observed)} svar i timen`);
  expect(await page.content()).not.toContain(CITIZEN_TEXT);
  await axe(page);
  await row.getByRole("link", { name: /Se tallene/ }).click();
  await expect(page).toHaveURL(new RegExp(`/agencies/${SLUG}/replies\\?.*channel=${accountId}`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("an admin tunes a threshold: a wrong value is named at its field and kept, a right one is saved", async ({
  page,
}) => {
  await page.goto(`/agencies/${SLUG}/alerts`);
  const form = page.locator('form[data-kind="reply_spike"]');
  const field = form.getByLabel("Minst så mange svar i timen");
  await field.fill("-3");
  await form.getByRole("button", { name: "Lagre" }).click();
  await expect(form.getByRole("alert")).toHaveText("Innstillingene ble ikke lagret. Se feltene som er merket.");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription("Skriv et tall fra 1 til 100 000.");
  await expect(field).toHaveValue("-3");
  await field.fill("12");
  await form.getByRole("button", { name: "Lagre" }).click();
  await expect(form.getByRole("status")).toHaveText("Innstillingene er lagret.");
  await page.reload();
  await expect(page.locator('form[data-kind="reply_spike"]').getByLabel("Minst så mange svar i timen")).toHaveValue(
    "12",
  );
  await axe(page);
});

test.describe("as a viewer", () => {
  test.use({ storageState: STATE.osloViewer });
  test("a viewer sees the alerts but no thresholds to change, in an accessible page", async ({ page }) => {
    await page.goto(`/agencies/${SLUG}/alerts`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Varsler: Oslo politidistrikt");
    await expect(page.getByRole("heading", { name: "Terskler (administrator)" })).toHaveCount(0);
    await expect(page.locator("form.alert-settings")).toHaveCount(0);
    await axe(page);
  });
});
