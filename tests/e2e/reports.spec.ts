import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const SLUG = "helse-og-omsorgsdepartementet";

test("an admin subscribes, previews the report, downloads its PDF and receives a test in the local mailbox", async ({
  page,
  request,
}) => {
  await page.goto(`/agencies/${SLUG}/reports`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ukerapport – Helse- og omsorgsdepartementet");
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  await page.getByRole("button", { name: "Abonner på ukerapporten" }).click();
  await expect(page.getByRole("status")).toHaveText("Du får ukerapporten hver mandag kl. 08.00.");
  await expect(page.getByRole("button", { name: "Avslutt abonnementet" })).toBeVisible();

  const previewLink = page.getByRole("link", { name: /Forhåndsvis rapporten for uke \d+/ });
  const week = /uke (\d+)/.exec((await previewLink.textContent())!)![1];
  await previewLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Ukerapport uke ${week}`);
  await expect(page.locator('table[data-report="channels"] tbody tr')).toHaveCount(3);
  await expect(page.getByRole("img", { name: /Publikum per kanal de siste 12 ukene/ })).toBeVisible();

  const pdf = await request.get(`/agencies/${SLUG}/reports/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const bytes = await pdf.body();
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  // Tagged for screen readers: a structure tree with headings and a table, the document's language and title.
  const text = bytes.toString("latin1");
  expect(text).toContain("/StructTreeRoot");
  expect(text).toMatch(/\/Lang\s*\(nb\)/);
  expect(text).toMatch(/\/S\s*\/H1/);
  expect(text).toMatch(/\/S\s*\/Table/);
  expect(text).toMatch(/\/S\s*\/TH/);
  expect(text).toContain("/Outlines");

  await page.goto(`/agencies/${SLUG}/reports`);
  await page.getByRole("button", { name: "Send en testrapport til meg" }).click();
  await expect(page.getByRole("status")).toHaveText("Testrapporten er sendt til deg.");
  await page.goto("/mailbox");
  const message = page.getByRole("link", { name: `[Test] Ukerapport uke ${week}: Helse- og omsorgsdepartementet` });
  await expect(message).toBeVisible();
  await message.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Ukerapport uke ${week}`);
  // The mailbox shows the message's headers and lists its attachments for download.
  const headers = page.locator("dl.mail-headers");
  await expect(headers.getByText("Fra", { exact: true })).toBeVisible();
  await expect(headers.getByText("admin@demo.kanalmaaling.test")).toBeVisible();
  await expect(headers.getByText("Emne", { exact: true })).toBeVisible();
  await expect(headers.getByText("Dato", { exact: true })).toBeVisible();
  const attachment = page.locator("[data-attachments] a").first();
  await expect(attachment).toHaveText(/\.csv$/);
  const download = await request.get((await attachment.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect((await download.body()).length).toBeGreaterThan(10);
  expect(
    (await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()).violations.map(
      (v) => v.id,
    ),
  ).toEqual([]);

  // The recipient chooses Swedish for the e-mail: the next report (here the test) comes in Swedish.
  await page.goto(`/agencies/${SLUG}/reports`);
  await page.getByLabel("Språk i e-posten").selectOption("sv");
  await page.getByRole("button", { name: "Lagre språket" }).click();
  await expect(page.getByRole("status")).toHaveText("Ukerapporten kommer nå på svensk.");
  await page.getByRole("button", { name: "Send en testrapport til meg" }).click();
  await expect(page.getByRole("status")).toHaveText("Testrapporten er sendt til deg.");
  await page.goto("/mailbox?lang=sv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lokal inkorg");
  await page.getByRole("link", { name: `[Test] Veckorapport vecka ${week}: Helse- og omsorgsdepartementet` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Veckorapport vecka ${week}`);
  await expect(page.locator("[data-attachments] a").first()).toHaveText(/^veckorapport-.*\.csv$/);
  // The reports page itself in English.
  await page.goto(`/agencies/${SLUG}/reports?lang=en`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Weekly report – Helse- og omsorgsdepartementet");
  await expect(
    page.getByText("You subscribe to the weekly report at admin@demo.kanalmaaling.test, in Swedish."),
  ).toBeVisible();
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("status")).toHaveText("You no longer receive the weekly report.");
});

test("report previews and PDFs of an agency answer 400 to a malformed week", async ({ request }) => {
  const res = await request.get(`/agencies/${SLUG}/reports/preview?week=neste-uke`);
  expect(res.status()).toBe(400);
  // The one error body of every route, in the user's language.
  expect(await res.json()).toEqual({
    error: "invalid_parameters",
    message: "Én eller flere parametere er ugyldige.",
    issues: [{ parameter: "week", message: "må være en dato skrevet ÅÅÅÅ-MM-DD" }],
  });
});

test("an unsubscribe link with a forged token changes nothing", async ({ page }) => {
  await page.goto("/unsubscribe?token=00000000-0000-4000-8000-000000000000.9999999999.forged");
  await expect(page.getByText(/Lenken er ugyldig eller utløpt/)).toBeVisible();
  await page.goto("/unsubscribe?token=00000000-0000-4000-8000-000000000000.9999999999.forged&lang=sv");
  await expect(page.getByText(/Länken är ogiltig eller har gått ut/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Ja, meld meg av" })).toHaveCount(0);
});
