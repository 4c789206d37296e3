import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { ADMIN, clearSignInThrottles, E2E_PORT, withAppDatabase } from "./fixtures";

const BASE = `http://127.0.0.1:${E2E_PORT}`;
const OSLO = "oslo-politidistrikt";

function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  return Object.entries(manifest.node).find(([, v]) => v.exportedName === name)![0];
}

test("API answers, JSON and CSV, are never kept by a cache, refusals included", async ({ request }) => {
  for (const url of [
    `/api/agencies/${OSLO}/overview`,
    "/api/health",
    `/api/agencies/${OSLO}/export/overview`,
    "/api/auth/get-session",
  ]) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(200);
    expect(res.headers()["cache-control"], url).toBe("no-store");
  }
  const anonymous = await playwrightRequest.newContext({ baseURL: BASE, storageState: { cookies: [], origins: [] } });
  const refused = await anonymous.get(`/api/agencies/${OSLO}/overview`);
  expect(refused.status()).toBe(401);
  expect(refused.headers()["cache-control"]).toBe("no-store");
  await anonymous.dispose();
});

test("HSTS follows PUBLIC_URL (plain http here), not a request that claims https", async ({ request }) => {
  const res = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
  expect(res.status()).toBe(200);
  expect(res.headers()["strict-transport-security"]).toBeUndefined();
});

test("a state-changing request with a forged X-Forwarded-Host is refused without a trusted proxy", async ({
  request,
}) => {
  const forged = { origin: "https://angriper.example", "x-forwarded-host": "angriper.example" };
  const signOut = await request.post("/api/auth/sign-out", { headers: forged });
  expect(signOut.status()).toBe(403);
  const action = await request.post(`/agencies/${OSLO}/reports`, {
    headers: { ...forged, "next-action": actionId("unsubscribe"), "content-type": "text/plain" },
    data: JSON.stringify([OSLO]),
  });
  expect(action.status()).toBe(403);
  // The session survived: the forged sign-out did nothing.
  expect((await request.get("/api/auth/get-session")).status()).toBe(200);
});

test("sign-in and get-session answer without the session token; the session lives in the HttpOnly cookie only", async () => {
  await clearSignInThrottles();
  const context = await playwrightRequest.newContext({ baseURL: BASE, storageState: { cookies: [], origins: [] } });
  const signIn = await context.post("/api/auth/sign-in/email", {
    headers: { origin: BASE },
    data: { email: ADMIN.email, password: ADMIN.password },
  });
  expect(signIn.status()).toBe(200);
  const cookie = (await context.storageState()).cookies.find((c) => c.name.endsWith("session_token"))!;
  expect(cookie.httpOnly).toBe(true);
  const token = decodeURIComponent(cookie.value).split(".")[0]!;
  const signInBody = await signIn.text();
  expect(signInBody).not.toContain(token);
  expect(JSON.parse(signInBody)).not.toHaveProperty("token");

  const session = await context.get("/api/auth/get-session");
  const body = await session.text();
  const json = JSON.parse(body) as { user: { email: string }; session: Record<string, unknown> };
  expect(json.user.email).toBe(ADMIN.email);
  expect(json.session).not.toHaveProperty("token");
  expect(body).not.toContain(token);
  await context.dispose();
  await clearSignInThrottles();
});

test("malformed input gets a 4xx with the product's message, never a 500", async ({ request }) => {
  expect((await request.get("/mailbox/%FF%FE")).status()).toBe(400);
  expect((await request.get(`/api/agencies/${OSLO}/export/%FF`)).status()).toBe(400);
  const badJson = await request.post("/api/auth/sign-in/email", {
    headers: { origin: BASE, "content-type": "application/json" },
    data: "{",
  });
  expect(badJson.status()).toBe(400);
  const malformedAction = await request.post(`/agencies/${OSLO}/inbox`, {
    headers: { origin: BASE, "next-action": actionId("triageAction"), "content-type": "text/plain" },
    data: "{not json",
  });
  expect(malformedAction.status()).toBe(400);
  expect(await malformedAction.text()).toBe("Forespørselen kunne ikke leses. Last siden på nytt og prøv igjen.");
  const wrongTypes = await request.post(`/agencies/${OSLO}/reports`, {
    headers: { origin: BASE, "next-action": actionId("subscribe"), "content-type": "text/plain" },
    data: "[42]",
  });
  expect(wrongTypes.status()).toBe(404);
});

test("a campaign CSV over 1 MB gets the product's message: in the browser before sending, and 413 from the server", async ({
  page,
  request,
}) => {
  await page.goto(`/agencies/${OSLO}/campaigns`);
  const file = page.getByLabel("CSV-fil");
  await file.setInputFiles({ name: "kampanjer.csv", mimeType: "text/csv", buffer: Buffer.alloc(1_100_000, "a") });
  expect(await file.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe("Filen er større enn 1 MB.");

  const body = Buffer.concat([
    Buffer.from(
      `--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n["${OSLO}","$K1"]\r\n--b\r\nContent-Disposition: form-data; name="1_file"; filename="k.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.alloc(1_200_000, "a"),
    Buffer.from("\r\n--b--\r\n"),
  ]);
  const headers = {
    origin: BASE,
    "next-action": actionId("importCampaigns"),
    "content-type": "multipart/form-data; boundary=b",
  };
  const nb = await request.post(`/agencies/${OSLO}/campaigns`, { headers, data: body });
  expect(nb.status()).toBe(413);
  expect(await nb.text()).toBe("Forespørselen er for stor. Filer kan være på høyst 1 MB.");
  const sv = await request.post(`/agencies/${OSLO}/campaigns`, {
    headers: { ...headers, referer: `${BASE}/agencies/${OSLO}/campaigns?lang=sv` },
    data: body,
  });
  expect(sv.status()).toBe(413);
  expect(await sv.text()).toBe("Begäran är för stor. Filer får vara högst 1 MB.");
});

test("account endpoints the product does not offer are closed, so a malformed name cannot be stored", async ({
  request,
}) => {
  const res = await request.post("/api/auth/update-user", { headers: { origin: BASE }, data: { name: { a: 1 } } });
  expect(res.status()).toBe(404);
  const name = await withAppDatabase(
    async (c) => (await c.query("SELECT name FROM app_user WHERE email = $1", [ADMIN.email])).rows[0].name,
  );
  expect(name).toBe("Demo-administrator");
});
