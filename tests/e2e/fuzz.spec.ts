import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { MAX_FORM_BYTES } from "@/lib/http/limits";
import { clearSignInThrottles, E2E_PORT } from "./fixtures";

/**
 * A bounded fuzz of the running product on loopback: a few thousand malformed requests, from a fixed
 * seed, to every page, API route and server action (found from app/ and from the build's server
 * reference manifest, so new ones are covered without editing this test), signed in as the admin and
 * anonymous. Nothing may answer 5xx or hang, and the product must be healthy afterwards.
 */
const SEED = 20_261_126;
const REQUESTS = 3_000;
const CONCURRENCY = 6;
/** Stops sending after this long, so the run stays bounded on a slow machine (the count is asserted). */
const BUDGET_MS = 100_000;
const BASE = `http://127.0.0.1:${E2E_PORT}`;
/** A demo agency no other spec uses: a malformed call that happens to be valid changes nothing they check. */
const SLUG = "helsedirektoratet";

test.setTimeout(180_000);

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rng = mulberry32(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const chance = (p: number) => rng() < p;
const hex = (n: number) => Array.from({ length: n }, () => "0123456789abcdef"[Math.floor(rng() * 16)]).join("");
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;

/** Every page and route template under app/, route groups removed: "/agencies/[slug]/work-items/[id]". */
function templates(kind: "page" | "route"): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === `${kind}.tsx` || name === `${kind}.ts`) found.push(path.relative("app", d));
    }
  };
  walk("app");
  return found.map(
    (r) =>
      "/" +
      r
        .split(path.sep)
        .filter((s) => s && !/^\(.*\)$/.test(s))
        .join("/"),
  );
}

type Action = { id: string; pages: string[] };
function serverActions(): Action[] {
  const file = path.resolve(".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, v]) => ({
    id,
    pages: Object.keys(v.workers).map(
      (w) =>
        "/" +
        w
          .replace(/^app\//, "")
          .replace(/\/page$/, "")
          .split("/")
          .filter((s) => !/^\(.*\)$/.test(s))
          .join("/"),
    ),
  }));
}

const HUGE = "å".repeat(60_000);
const BAD_TEXT = [
  "",
  " ",
  "%FF",
  "%FF%FE",
  "%E0%A4%A",
  "%00",
  "%C0%AF",
  "..%2F..%2Fetc%2Fpasswd",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "'%20OR%201=1--",
  "-1",
  "0",
  "1e309",
  "NaN",
  "Infinity",
  "2026-02-30",
  "9999-W99",
  "2026-13-01",
  "null",
  "undefined",
  "true",
  "%5B%5D",
  "a".repeat(3_000),
  "%F0%9F%92%A9",
  "ø%C3",
  "x".repeat(200),
];
const GOOD_TEXT = [
  "90d",
  "12m",
  "custom",
  "2026-01-01",
  "2026-10-31",
  "week",
  "day",
  "month",
  "net",
  "absolute",
  "nb",
  "en",
  "sv",
  "new",
  "input",
  "2026-W40",
  "comma",
];
const QUERY_KEYS = [
  "range",
  "from",
  "to",
  "bucket",
  "view",
  "channel",
  "lang",
  "status",
  "reply",
  "week",
  "next",
  "token",
  "msg",
  "error",
  "saved",
  "workItem",
  "agency",
  "accountId",
  "handle",
  "sep",
  "kind",
  "page",
];
const SLUGS = [
  SLUG,
  SLUG,
  SLUG,
  "finnes-ikke",
  "%FF",
  "%2e%2e",
  "A".repeat(300),
  "ÆØÅ",
  "x%00y",
  "oslo-politidistrikt%2F..%2F",
];
const IDS = () =>
  pick([uuid(), "not-a-uuid", "%FF%FE", "0", "-1", "a".repeat(400), "00000000-0000-0000-0000-000000000000"]);
const DATASETS = [
  "overview",
  "growth",
  "reach",
  "campaigns",
  "posts",
  "replies",
  "reply-texts",
  "compare",
  "outcomes",
  "outcome-inputs",
  "finnes-ikke",
  "%FF",
  "..",
  "a".repeat(300),
];
const MAIL_FILES = [
  "%FF%FE",
  "..%2F..%2Fetc%2Fpasswd",
  "x.eml",
  "2026-01-01T00-00-00-000Z-deadbeef.eml",
  "%2e%2e",
  "a".repeat(300),
];
const AUTH_PATHS = [
  "sign-in/email",
  "sign-in/oauth2",
  "sign-in/social",
  "get-session",
  "sign-up/email",
  "change-password",
  "list-sessions",
  "oauth2/callback/agency-sso",
  "callback/agency-sso",
  "reset-password",
  "request-password-reset",
  "verify-email",
  "ok",
  "error",
  "finnes-ikke",
  "%FF",
  "a".repeat(300),
];
/** Ends or changes the admin's own session or account: sent only anonymously. */
const AUTH_ANONYMOUS_ONLY = [
  "sign-out",
  "revoke-session",
  "revoke-sessions",
  "revoke-other-sessions",
  "delete-user",
  "update-user",
  "change-email",
];
/** Renders a PDF in Chromium per request: a few are enough. */
const EXPENSIVE = new Map([["/agencies/[slug]/reports/pdf", 4]]);

function fill(template: string, anonymous: boolean): string {
  return template
    .replace("[slug]", pick(SLUGS))
    .replace("[dataset]", pick(DATASETS))
    .replace("[file]", pick(MAIL_FILES))
    .replace("[...all]", pick(anonymous ? [...AUTH_PATHS, ...AUTH_ANONYMOUS_ONLY] : AUTH_PATHS))
    .replace(/\[[^\]]+\]/g, () => IDS());
}

function query(): string {
  const n = Math.floor(rng() * 5);
  const parts = Array.from(
    { length: n },
    () => `${pick(QUERY_KEYS)}${chance(0.1) ? "[]" : ""}=${chance(0.65) ? pick(BAD_TEXT) : pick(GOOD_TEXT)}`,
  );
  if (chance(0.05)) parts.push(`%FF=${pick(BAD_TEXT)}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

function randomBytes(n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, () => Math.floor(rng() * 256)));
}

const badJson = () =>
  pick([
    "{",
    "[",
    "}",
    "null",
    "[]",
    "1",
    '"x"',
    '{"a":',
    '{"email":1,"password":{}}',
    '{"email":["a"],"password":null}',
    `{"email":"${"a".repeat(20_000)}@x.no","password":"x"}`,
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    "[".repeat(5_000) + "]".repeat(5_000),
    '{"providerId":"agency-sso","callbackURL":"javascript:alert(1)"}',
    '{"providerId":123}',
    '{"provider":"x"}',
    '{"newPassword":1,"currentPassword":[]}',
    '{"token":"%FF"}',
    "\u0000\u0001\u0002",
  ]);

function multipartBody(
  fields: [string, string | Buffer, string?][],
  boundary = `----fuzz${hex(12)}`,
): { body: Buffer; type: string } {
  const parts: Buffer[] = [];
  for (const [name, value, filename] of fields) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: text/csv` : ""}\r\n\r\n`,
      ),
    );
    parts.push(Buffer.isBuffer(value) ? value : Buffer.from(value));
    parts.push(Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

const FORM_FIELDS = [
  "slug",
  "lang",
  "replyId",
  "state",
  "kind",
  "version",
  "workItemId",
  "note",
  "keyword",
  "ruleId",
  "months",
  "handle",
  "confirm",
  "title",
  "owner",
  "caseNumber",
  "status",
  "id",
  "linkId",
  "to",
  "reason",
  "email",
  "role",
  "name",
  "password",
  "userId",
  "includeChildren",
  "accountId",
  "token",
  "refreshToken",
  "sentAt",
  "sent",
  "reached",
  "targetPopulation",
  "file",
];
const formValue = () =>
  pick([
    ...BAD_TEXT.map(decodeURIComponentSafe),
    uuid(),
    SLUG,
    "yes",
    "admin",
    "viewer",
    "input",
    "under_review",
    "999999999999999999999",
    HUGE,
    "\u0000",
    "<b>x</b>",
    "=cmd|' /C calc'!A0",
  ]);
function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

type Probe = { method: string; url: string; headers: Record<string, string>; data?: string | Buffer; kind: string };

function actionProbe(actions: Action[]): Probe {
  const action = pick(actions);
  const page = fill(pick(action.pages), false);
  const headers: Record<string, string> = { accept: "text/x-component", "next-action": action.id };
  if (chance(0.92)) headers.origin = BASE;
  const args = () =>
    pick<unknown[]>([
      [],
      [1],
      [null],
      [{}],
      [SLUG],
      [SLUG, 5],
      [5, "$K1"],
      [SLUG, "$K1"],
      [null, "$K1"],
      [HUGE, "$K1"],
      [SLUG, "$K1", "$K1"],
      Array(20).fill(SLUG),
      [{ ok: true, message: "x" }, "$K1"],
      ["$Q1"],
      ["$@1"],
      ["$h1"],
      ["$B1"],
      ["$n1x"],
      ["$T1"],
      ["$D%%"],
      [SLUG, "$undefined"],
    ]);
  const r = rng();
  if (r < 0.3) {
    return {
      method: "POST",
      url: page,
      headers: { ...headers, "content-type": "text/plain;charset=UTF-8" },
      data: chance(0.4) ? badJson() : JSON.stringify(args()),
      kind: "action-text",
    };
  }
  if (r < 0.7) {
    const fields: [string, string | Buffer, string?][] = [["0", JSON.stringify(args())]];
    const n = Math.floor(rng() * 6);
    for (let i = 0; i < n; i++) fields.push([`1_${pick(FORM_FIELDS)}`, formValue()]);
    if (chance(0.2))
      fields.push(["1_file", chance(0.5) ? randomBytes(2_000) : Buffer.from("navn;sendt\nx;y\n"), "kampanjer.csv"]);
    if (chance(0.1)) fields.shift();
    const { body, type } = multipartBody(fields);
    return {
      method: "POST",
      url: page,
      headers: { ...headers, "content-type": type },
      data: body,
      kind: "action-multipart",
    };
  }
  if (r < 0.8) {
    const broken = pick([
      {
        body: Buffer.from('--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n[1]'),
        type: "multipart/form-data; boundary=x",
      },
      { body: Buffer.from("garbage"), type: "multipart/form-data" },
      { body: randomBytes(3_000), type: "multipart/form-data; boundary=zz" },
      { body: Buffer.from("a=%ZZ&b=%FF"), type: "application/x-www-form-urlencoded" },
      { body: randomBytes(500), type: "application/octet-stream" },
    ]);
    return {
      method: "POST",
      url: page,
      headers: { ...headers, "content-type": broken.type },
      data: broken.body,
      kind: "action-broken",
    };
  }
  if (r < 0.85) {
    // Oversized: the product's 413, never Next's own limit.
    const { body, type } = multipartBody([
      ["0", JSON.stringify([SLUG, "$K1"])],
      ["1_accountId", uuid()],
      ["1_file", Buffer.alloc(MAX_FORM_BYTES + 10_000, 97), "stor.csv"],
    ]);
    return {
      method: "POST",
      url: page,
      headers: { ...headers, "content-type": type },
      data: body,
      kind: "action-oversized",
    };
  }
  if (r < 0.93) {
    const id = pick([
      hex(42),
      hex(40),
      hex(7),
      "xyz",
      "toString",
      "__proto__",
      "constructor",
      "../",
      "%FF",
      `${action.id}00`,
      action.id.slice(0, -1),
    ]);
    return {
      method: "POST",
      url: page,
      headers: { ...headers, "next-action": id, "content-type": "text/plain" },
      data: "[]",
      kind: "action-bad-id",
    };
  }
  // A form post without JavaScript (no Next-Action header): $ACTION_ID_ / $ACTION_REF_ fields.
  const mpa = pick<[string, string | Buffer][]>([
    [
      [`$ACTION_ID_${action.id}`, ""],
      ["x", formValue()],
    ],
    [[`$ACTION_ID_${hex(42)}`, ""]],
    [
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", `{"id":"${action.id}","bound":"$@1"}`],
    ],
    [
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", `{"id":"${action.id}","bound":"$@1"}`],
      ["$ACTION_1:1", JSON.stringify(args())],
    ],
    [
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", "{not json"],
    ],
    [
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", `{"id":"${action.id}","bound":null}`],
      ["slug", SLUG],
    ],
  ]);
  const { body, type } = multipartBody(mpa);
  delete headers["next-action"];
  return {
    method: "POST",
    url: page,
    headers: { ...headers, "content-type": type, accept: "text/html" },
    data: body,
    kind: "form-post",
  };
}

/** Headers Next.js itself reads (client router state, prefetch) and others a client controls. */
const HEADER_FUZZ: [string, string][] = [
  ["rsc", "1"],
  ["next-router-state-tree", "%FF"],
  ["next-router-state-tree", "{bad"],
  ["next-router-state-tree", '["",{"children":1}]'],
  ["next-router-prefetch", "1"],
  ["next-router-segment-prefetch", "/_tree"],
  ["next-router-segment-prefetch", "%FF"],
  ["next-url", "%FF"],
  ["accept-language", "%FF;q=x"],
  ["range", "bytes=9999999-"],
  ["x-forwarded-host", "angriper.example"],
  ["x-forwarded-proto", "gopher"],
  ["x-middleware-subrequest", "middleware:middleware:middleware:middleware:middleware"],
  ["x-nextjs-data", "1"],
  ["accept", "text/x-component"],
];

function routeProbe(template: string, anonymous: boolean, pages: boolean): Probe {
  const url = fill(template, anonymous) + query();
  const headers: Record<string, string> = Object.fromEntries(chance(0.25) ? [pick(HEADER_FUZZ)] : []);
  if (chance(0.9)) headers.origin = BASE;
  if (chance(0.3)) headers.referer = `${BASE}${fill(template, anonymous)}?lang=${pick(["sv", "en", "%FF", "xx"])}`;
  const method = pages
    ? pick(["GET", "GET", "GET", "HEAD", "POST", "OPTIONS"])
    : pick(["GET", "GET", "POST", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
  if (method === "GET" || method === "HEAD" || method === "OPTIONS")
    return { method, url, headers, kind: pages ? "page" : "api" };
  const body = pick<() => { data: string | Buffer; type?: string }>([
    () => ({ data: badJson(), type: "application/json" }),
    () => ({ data: badJson(), type: "application/json; charset=utf-16" }),
    () => ({ data: badJson(), type: "text/plain" }),
    () => ({ data: "a=%ZZ&email=%FF&password=", type: "application/x-www-form-urlencoded" }),
    () => ({
      data: randomBytes(1_000),
      type: pick(["application/json", "application/octet-stream", "multipart/form-data; boundary=q"]),
    }),
    () => ({ data: "", type: undefined }),
    () =>
      multipartToData(
        multipartBody([
          ["email", formValue()],
          ["password", formValue()],
        ]),
      ),
  ])();
  if (body.type) headers["content-type"] = body.type;
  return { method, url, headers, data: body.data, kind: pages ? "page-post" : "api-body" };
}
const multipartToData = (m: { body: Buffer; type: string }) => ({ data: m.body, type: m.type });

type Failure = { kind: string; method: string; url: string; status: number | string; anonymous: boolean };

async function send(ctx: APIRequestContext, p: Probe): Promise<number | string> {
  try {
    const res = await ctx.fetch(p.url, {
      method: p.method,
      headers: p.headers,
      data: p.data,
      maxRedirects: 0,
      timeout: 20_000,
      failOnStatusCode: false,
    });
    await res.body().catch(() => undefined);
    return res.status();
  } catch (error) {
    return `no answer: ${(error as Error).message.split("\n")[0]}`;
  }
}

test("thousands of malformed requests to every page, API route and server action: no 5xx, and healthy afterwards", async ({
  request: admin,
}) => {
  expect(existsSync(".next/server/server-reference-manifest.json"), "needs the production build").toBe(true);
  // Explicitly empty: a context made in a test otherwise takes the project's signed-in storage state.
  const anonymous = await playwrightRequest.newContext({ baseURL: BASE, storageState: { cookies: [], origins: [] } });
  const pageTemplates = templates("page");
  const routeTemplates = templates("route");
  const actions = serverActions();
  expect(pageTemplates.length).toBeGreaterThan(10);
  expect(routeTemplates).toContain("/api/auth/[...all]");
  expect(actions.length).toBeGreaterThan(10);

  const used = new Map<string, number>();
  const probes: { probe: Probe; anonymous: boolean }[] = [];
  while (probes.length < REQUESTS) {
    const asAnonymous = chance(0.3);
    const r = rng();
    let probe: Probe;
    if (r < 0.4) probe = actionProbe(actions);
    else {
      const isPage = r < 0.65;
      const template = pick(isPage ? pageTemplates : routeTemplates);
      const limit = EXPENSIVE.get(template);
      if (limit !== undefined && (used.get(template) ?? 0) >= limit) continue;
      used.set(template, (used.get(template) ?? 0) + 1);
      probe = routeProbe(template, asAnonymous, isPage);
    }
    probes.push({ probe, anonymous: asAnonymous });
  }

  const started = Date.now();
  const failures: Failure[] = [];
  const byKind = new Map<string, number>();
  let sent = 0;
  let next = 0;
  const worker = async () => {
    while (next < probes.length && Date.now() - started < BUDGET_MS) {
      const { probe, anonymous: anon } = probes[next++]!;
      const status = await send(anon ? anonymous : admin, probe);
      sent++;
      byKind.set(probe.kind, (byKind.get(probe.kind) ?? 0) + 1);
      if (typeof status === "string" || status >= 500)
        failures.push({
          kind: probe.kind,
          method: probe.method,
          url: probe.url.slice(0, 160),
          status,
          anonymous: anon,
        });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await anonymous.dispose();
  console.log(`fuzz: ${sent} requests in ${Math.round((Date.now() - started) / 1000)} s`, Object.fromEntries(byKind));

  expect(failures, JSON.stringify(failures.slice(0, 20), null, 1)).toEqual([]);
  expect(sent).toBeGreaterThanOrEqual(1_500);

  const health = await admin.get("/api/health");
  expect(health.status()).toBe(200);
  expect((await health.json()).status).toBe("ok");
});

// The anonymous sign-in attempts came from this machine's address: let the next spec sign in.
test.afterAll(clearSignInThrottles);
