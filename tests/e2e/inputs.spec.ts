import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createDb } from "@/lib/db/client";
import { upsertReplies } from "@/lib/ingest/replies";
import { readFileSync } from "node:fs";
import { runInfoFile, STATE } from "./fixtures";

const HOD = "/agencies/helse-og-omsorgsdepartementet";
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectNoAxeViolations(page: Page) {
  await page.locator("details").evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target}`)).toEqual([]);
}

test("mark a reply as an input, link it to the reform, move it step by step, and see it in the outcome", async ({
  page,
  browser,
}) => {
  await page.goto(`${HOD}/inbox?status=new`);
  // A reply with a permalink (collected Facebook comments have none).
  const first = page
    .locator("li[data-reply-id]")
    .filter({ has: page.getByRole("link", { name: "åpne svaret" }) })
    .first();
  const replyId = (await first.getAttribute("data-reply-id"))!;
  const text = (await first.locator(".reply-text").textContent())!;
  const permalink = (await first.getByRole("link", { name: "åpne svaret" }).getAttribute("href"))!;

  await page.goto(`${HOD}/inbox?reply=${replyId}`);
  const row = page.locator(`li[data-reply-id="${replyId}"]`);
  await row.getByLabel("Type innspill", { exact: true }).selectOption("suggestion");
  await row.getByRole("button", { name: "Marker som innspill" }).click();
  await expect(row.getByText("Lagret: svaret er markert som innspill.")).toBeVisible();
  await expect(row).toHaveAttribute("data-triage", "input");

  await row.getByLabel("Arbeid", { exact: true }).selectOption({ label: "Samhandlingsreformen (10/1234)" });
  await row.getByLabel("Notat (valgfritt)", { exact: true }).fill("Gjelder kommunenes rolle");
  await row.getByRole("button", { name: "Koble til arbeid" }).click();
  await expect(row.getByText("Koblet til arbeidet (status: Mottatt).")).toBeVisible();

  await row.getByRole("link", { name: "Samhandlingsreformen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Samhandlingsreformen" })).toBeVisible();
  const card = page.locator("article[data-link-id]").filter({ has: page.locator(`a[href$="inbox?reply=${replyId}"]`) });
  await expect(card).toHaveAttribute("data-status", "received");
  // Another person has the same input open in a second window, on the version seen now.
  const otherContext = await browser.newContext({ storageState: STATE.admin });
  const other = await otherContext.newPage();
  await other.goto(page.url());
  const staleCard = other
    .locator("article[data-link-id]")
    .filter({ has: other.locator(`a[href$="inbox?reply=${replyId}"]`) });

  for (const [to, label] of [
    ["under_review", "Til vurdering"],
    ["forwarded", "Videresendt"],
    ["incorporated", "Tatt inn i arbeidet"],
  ] as const) {
    await expect(card.getByLabel("Ny status", { exact: true })).toHaveValue(to);
    await card.getByLabel("Notat", { exact: true }).fill(`Steg til ${label}`);
    await card.getByRole("button", { name: "Flytt" }).click();
    await expect(card.getByText(`Flyttet til «${label}».`)).toBeVisible();
    await expect(card).toHaveAttribute("data-status", to);
  }

  // The stale window loses the race: it is told so in Norwegian and keeps what was written.
  await staleCard.getByLabel("Ny status", { exact: true }).selectOption("declined");
  await staleCard.getByLabel("Begrunnelse (påkrevd ved avslag)", { exact: true }).fill("Ikke relevant for reformen");
  await staleCard.getByRole("button", { name: "Flytt" }).click();
  await expect(staleCard.getByRole("alert")).toContainText("Noen andre har endret dette i mellomtiden");
  await expect(staleCard.getByLabel("Begrunnelse (påkrevd ved avslag)", { exact: true })).toHaveValue(
    "Ikke relevant for reformen",
  );
  await otherContext.close();

  await card.getByText(/Sporet/).click();
  await expect(card.locator("table.trail tbody tr")).toHaveCount(4);

  await page.goto(`${HOD}/outcomes`);
  const reform = page.locator('section[data-work-item="Samhandlingsreformen"]');
  const reached = reform
    .getByTestId("reached-inputs")
    .locator("li")
    .filter({ has: page.locator(`a[href="${permalink}"]`) });
  await expect(reached).toHaveCount(1);
  await expect(reached).toContainText(text);
  await expect(reached).toContainText("Tatt inn i arbeidet");

  const csv = await page.request.get(`/api/agencies/helse-og-omsorgsdepartementet/inputs/trail`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const body = await csv.text();
  expect(body.charCodeAt(0)).toBe(0xfeff);
  expect(body).toContain(`${permalink};Videresendt;Tatt inn i arbeidet;Steg til Tatt inn i arbeidet;`);
});

test("the outcome view shows the demo's reform inputs with a funnel chart, its table and a one-line summary", async ({
  page,
}) => {
  await page.goto(`${HOD}/outcomes?from=2010-03-01&to=2011-12-31`);
  await expect(page.getByTestId("outcome-summary")).toContainText("nådde politikkarbeidet");
  await expect(page.locator("canvas")).toBeVisible();
  await page.getByText("Vis tallene som tabell").click();
  const reachedRow = page.getByTestId("funnel-table").getByRole("row", { name: /Nådde arbeidet/ });
  const reachedCount = Number((await reachedRow.locator("td").first().textContent())!.replace(/\s/g, ""));
  expect(reachedCount).toBeGreaterThan(0);
  const links = page
    .locator('section[data-work-item="Samhandlingsreformen"]')
    .getByTestId("reached-inputs")
    .getByRole("link", { name: "permalenke" });
  await expect(links).toHaveCount(reachedCount);
});

test("a viewer of another agency gets 404 for the ministry's inputs and cannot change its own", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STATE.osloViewer });
  const page = await context.newPage();
  try {
    for (const path of ["/inbox", "/work-items", "/outcomes"])
      expect((await page.goto(`${HOD}${path}`))!.status()).toBe(404);
    expect((await page.request.get("/api/agencies/helse-og-omsorgsdepartementet/inputs/trail")).status()).toBe(404);
    await page.goto("/agencies/oslo-politidistrikt/inbox");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Marker som innspill" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Legg til regel" })).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("another agency's or an unknown input is not found, and bad requests are refused", async ({ page }) => {
  const request = page.request;
  const sameSite = { origin: `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}` };
  expect((await page.goto("/agencies/finnes-ikke/inbox"))!.status()).toBe(404);
  expect((await page.goto(`${HOD}/work-items/00000000-0000-4000-8000-000000000000`))!.status()).toBe(404);
  expect((await request.get("/api/agencies/finnes-ikke/inputs/trail")).status()).toBe(404);
  expect((await request.get(`/api/agencies/helse-og-omsorgsdepartementet/inputs/trail?workItem=nope`)).status()).toBe(
    400,
  );
  expect(
    (
      await request.post(`/api/agencies/helse-og-omsorgsdepartementet/inputs/subject`, {
        form: { handle: "" },
        headers: sameSite,
      })
    ).status(),
  ).toBe(400);
  const exported = await request.post(`/api/agencies/helse-og-omsorgsdepartementet/inputs/subject`, {
    form: { handle: "@kari_12" },
    headers: sameSite,
  });
  expect(exported.status()).toBe(200);
  expect(await exported.json()).toMatchObject({
    authorHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    replies: expect.any(Array),
  });
});

for (const path of ["/inbox", "/work-items", "/outcomes"]) {
  test(`${path} has no WCAG 2.1 AA violations`, async ({ page }) => {
    await page.goto(`${HOD}${path}`);
    await expectNoAxeViolations(page);
  });
}

test("a work item page has no WCAG 2.1 AA violations", async ({ page }) => {
  await page.goto(`${HOD}/work-items`);
  await page.getByRole("link", { name: "Samhandlingsreformen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Samhandlingsreformen");
  await expectNoAxeViolations(page);
});

test("reply text is shown as text, never as markup, and unsafe permalinks are not linked", async ({ page }) => {
  const { databaseUrl } = JSON.parse(readFileSync(runInfoFile(), "utf8")) as { databaseUrl: string };
  const db = createDb(databaseUrl);
  try {
    const account = await db.account.findFirstOrThrow({ where: { handle: "politivest" } });
    await upsertReplies(
      db,
      [
        {
          agencyId: account.agencyId,
          accountId: account.id,
          platformReplyId: "markup-1",
          authorHandle: "mallory",
          text: `<img src=x onerror="window.__pwned=1"><b>fet</b> & «æøå»`,
          publishedAt: new Date("2026-11-01T10:00:00Z"),
          permalink: "javascript:window.__pwned=2",
        },
      ],
      "ab".repeat(32),
    );
  } finally {
    await db.$disconnect();
  }
  await page.goto("/agencies/vest-politidistrikt/inbox?q=onerror");
  const row = page.locator("li[data-reply-id]");
  await expect(row).toHaveCount(1);
  await expect(row.locator(".reply-text")).toHaveText(`<img src=x onerror="window.__pwned=1"><b>fet</b> & «æøå»`);
  await expect(row.locator("img, b")).toHaveCount(0);
  await expect(row.getByRole("link", { name: "åpne svaret" })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("the inputs pages and their answers are available in English", async ({ page }) => {
  await page.goto(`${HOD}/inbox?status=new&lang=en`);
  await expect(page.getByRole("heading", { level: 1, name: "Inbox: replies and comments" })).toBeVisible();
  const replyId = (await page.locator("li[data-reply-id]").first().getAttribute("data-reply-id"))!;
  await page.goto(`${HOD}/inbox?reply=${replyId}&lang=en`);
  const row = page.locator(`li[data-reply-id="${replyId}"]`);
  await row.getByRole("button", { name: "Dismiss" }).click();
  await expect(row.getByText("Saved: the reply is dismissed.")).toBeVisible();
  await expect(row).toHaveAttribute("data-triage", "dismissed");
  await page
    .getByRole("navigation", { name: "Inputs and policy work" })
    .getByRole("link", { name: "What reached policy" })
    .click();
  await expect(page).toHaveURL(/\/outcomes\?lang=en$/);
  await expect(page.getByTestId("outcome-summary")).toContainText("reached policy work");
});

test("a Swedish agency's inbox opens in Swedish, as does the document's language and skip link", async ({ page }) => {
  await page.goto("/agencies/polismyndigheten/inbox");
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1, name: "Inkorg: svar och kommentarer" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Hoppa till innehållet" })).toHaveAttribute("href", "#main");
  const nav = page.getByRole("navigation", { name: "Synpunkter och policyarbete" });
  await expect(nav.getByRole("link", { name: "Policyarbete" })).not.toHaveAttribute("href", /lang=/);
  // A language the user chose sticks, and the document says so too.
  await page.goto("/agencies/polismyndigheten/inbox?lang=nb");
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
  await expect(page.getByRole("link", { name: "Hopp til innholdet" })).toHaveAttribute("href", "#main");
  await page
    .getByRole("navigation", { name: "Innspill og politikkarbeid" })
    .getByRole("link", { name: "Politikkarbeid" })
    .click();
  await expect(page).toHaveURL(/\/work-items\?lang=nb$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
});

test("a refused change is explained in the page's language", async ({ page }) => {
  await page.goto(`${HOD}/inbox?lang=sv`);
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  const form = page.getByRole("form", { name: "Ny nyckelordsregel" });
  await form.getByLabel("Nyckelord").evaluate((el) => el.removeAttribute("minlength"));
  await form.getByLabel("Nyckelord").fill("x");
  await form.getByRole("button", { name: "Lägg till regel" }).click();
  await expect(form.getByRole("alert")).toHaveText(
    "Formuläret är inte giltigt: Nyckelord: måste ha minst två bokstäver",
  );
});
