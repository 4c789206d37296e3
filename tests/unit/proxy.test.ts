import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { isRscPostWithoutAction } from "@/lib/http/actionPayload";
import { MAX_FORM_BYTES } from "@/lib/http/limits";
import { proxy } from "@/proxy";
import { setConfig } from "../helpers/config";

const ORIGIN = "http://localhost:3000";
const SESSION = "better-auth.session_token=x";
const ACTION = "60b90a289dc3c58f16a5884064de4f88725d8889fb";
const UNSET = { TRUST_PROXY: undefined, PUBLIC_URL: undefined };
afterEach(() => {
  setConfig(UNSET);
});

const request = (path: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {}) =>
  proxy(
    new NextRequest(`${ORIGIN}${path}`, {
      method: init.method ?? "GET",
      headers: { host: "localhost:3000", cookie: SESSION, ...init.headers },
      body: init.body,
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]),
  );

const multipart = (fields: Record<string, string>, boundary = "----kanal") => ({
  "content-type": `multipart/form-data; boundary=${boundary}`,
  body:
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join("") + `--${boundary}--\r\n`,
});
const action = (body: string, contentType = "text/plain;charset=UTF-8", id = ACTION) =>
  request("/agencies/oslo-politidistrikt/campaigns", {
    method: "POST",
    headers: { origin: ORIGIN, "next-action": id, "content-type": contentType },
    body,
  });

describe("CSRF check behind (or without) a reverse proxy", () => {
  const forged = () =>
    request("/api/auth/sign-out", {
      method: "POST",
      headers: { origin: "https://angriper.example", "x-forwarded-host": "angriper.example" },
    });

  it("does not trust a forged X-Forwarded-Host when TRUST_PROXY is off", async () => {
    setConfig(UNSET);
    expect((await forged()).status).toBe(403);
    setConfig({ ...UNSET, TRUST_PROXY: "off" });
    expect((await forged()).status).toBe(403);
  });

  it("uses X-Forwarded-Host from a trusted reverse proxy", async () => {
    setConfig({ ...UNSET, TRUST_PROXY: "on" });
    expect((await forged()).status).toBe(200);
  });
});

describe("security headers", () => {
  it("sends HSTS when PUBLIC_URL is https, whatever the request claims", async () => {
    setConfig({ ...UNSET, PUBLIC_URL: "https://kanal.example.no" });
    expect((await request("/")).headers.get("strict-transport-security")).toContain("max-age=");
    setConfig({ ...UNSET, PUBLIC_URL: "http://localhost:3000" });
    expect(
      (await request("/", { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security"),
    ).toBeNull();
    setConfig(UNSET);
    expect(
      (await proxy(new NextRequest("https://localhost:3000/", { headers: { cookie: SESSION } }))).headers.get(
        "strict-transport-security",
      ),
    ).toBeNull();
  });

  it("marks every API answer no-store, also the refusals", async () => {
    expect((await request("/api/agencies/x/overview")).headers.get("cache-control")).toBe("no-store");
    const anonymous = await proxy(new NextRequest(`${ORIGIN}/api/agencies/x/overview`));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("cache-control")).toBe("no-store");
  });
});

describe("malformed requests get a 4xx from the proxy, not a 500 from deeper down", () => {
  it("answers 400 to an address with a broken %-escape", async () => {
    for (const path of ["/mailbox/%FF%FE", "/api/auth/%FF", "/agencies/oslo/work-items/%E0%A4%A"])
      expect((await request(path)).status).toBe(400);
  });

  it("answers 413 with the product's message, in the page's language, to a form post above the limit", async () => {
    const big = await request("/agencies/oslo-politidistrikt/campaigns", {
      method: "POST",
      headers: {
        origin: ORIGIN,
        "next-action": ACTION,
        "content-type": "multipart/form-data; boundary=x",
        "content-length": String(MAX_FORM_BYTES + 1),
      },
      body: "x",
    });
    expect(big.status).toBe(413);
    expect(await big.text()).toBe("Forespørselen er for stor. Filer kan være på høyst 1 MB.");
    const sv = await request("/agencies/oslo-politidistrikt/campaigns", {
      method: "POST",
      headers: {
        origin: ORIGIN,
        referer: `${ORIGIN}/agencies/oslo-politidistrikt/campaigns?lang=sv`,
        "next-action": ACTION,
        "content-type": "multipart/form-data; boundary=x",
        "content-length": String(2 * MAX_FORM_BYTES),
      },
      body: "x",
    });
    expect(await sv.text()).toContain("Filer får vara högst 1 MB");
  });

  it("answers 413 to a chunked body above the limit", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(97);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_FORM_BYTES) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    expect(
      (
        await request("/agencies/oslo-politidistrikt/campaigns", {
          method: "POST",
          headers: { origin: ORIGIN, "next-action": ACTION, "content-type": "text/plain" },
          body,
        })
      ).status,
    ).toBe(413);
  });

  it("answers 400 to server-action payloads that would not decode", async () => {
    const bad: [string, string?][] = [
      ['"x"'],
      ["{not json"],
      ['{"a":1}'],
      [""],
      ['["$Q2"]'],
      ['["$@1"]'],
      ['["$K1"]'],
      ['["$h1"]'],
      ['["$nx"]'],
      ['["$B1"]'],
      [JSON.stringify(Array(17).fill(null))],
      ['--XX\r\nContent-Disposition: form-data; name="0"\r\n\r\n[1]\r\n', "multipart/form-data; boundary=XX"],
      ["garbage", "multipart/form-data"],
      ...[multipart({ "0": '["a","$@2"]' }), multipart({ "1_a": "b" }), multipart({ "0": "not json" })].map(
        (m) => [m.body, m["content-type"]] as [string, string],
      ),
    ];
    for (const [body, type] of bad)
      expect((await action(body, type)).status, `${type ?? "text"}: ${body.slice(0, 40)}`).toBe(400);
    expect((await action("[]", "text/plain", "not-an-id")).status).toBe(400);
    expect(isRscPostWithoutAction("POST", { rsc: "1", "content-type": "application/x-www-form-urlencoded" })).toBe(
      true,
    );
    expect(isRscPostWithoutAction("POST", { rsc: "1", "next-action": ACTION })).toBe(false);
    expect(isRscPostWithoutAction("GET", { rsc: "1" })).toBe(false);
    // An /api/ address without a route handler is rendered as a page, and its body decoded as a form action.
    expect(
      (
        await request("/api/compare", {
          method: "POST",
          headers: { origin: ORIGIN, "content-type": "multipart/form-data; boundary=q" },
          body: "garbage",
        })
      ).status,
    ).toBe(400);
    const mpa = multipart({ $ACTION_REF_1: "", "$ACTION_1:0": `{"id":"${ACTION}","bound":"$@1"}` });
    expect(
      (
        await request("/agencies/oslo-politidistrikt/campaigns", {
          method: "POST",
          headers: { origin: ORIGIN, "content-type": mpa["content-type"] },
          body: mpa.body,
        })
      ).status,
    ).toBe(400);
  });

  it("lets well-formed action payloads through to the action", async () => {
    expect((await action('[null,"x",1,true,"$undefined","$$dollar","$D2026-01-01T00:00:00.000Z"]')).status).toBe(200);
    const form = multipart({ "0": '["oslo-politidistrikt","$K1"]', "1_accountId": "abc", "1_name": "Kampanje" });
    expect((await action(form.body, form["content-type"])).status).toBe(200);
    const withChunk = multipart({ "0": '["$@1"]', "1": '{"a":["b"]}' });
    expect((await action(withChunk.body, withChunk["content-type"])).status).toBe(200);
    const mpa = multipart({
      $ACTION_REF_1: "",
      "$ACTION_1:0": `{"id":"${ACTION}","bound":"$@1"}`,
      "$ACTION_1:1": '["oslo-politidistrikt"]',
      name: "x",
    });
    expect(
      (
        await request("/agencies/oslo-politidistrikt/campaigns", {
          method: "POST",
          headers: { origin: ORIGIN, "content-type": mpa["content-type"] },
          body: mpa.body,
        })
      ).status,
    ).toBe(200);
  });
});

describe("the page's address for the layouts", () => {
  it("passes the path and the chosen language on, never what the client sent under those names", async () => {
    const res = await request("/agencies/polismyndigheten/inbox?lang=sv", {
      headers: { "x-kanal-lang": "en", "x-kanal-path": "/public/other" },
    });
    expect(res.headers.get("x-middleware-request-x-kanal-path")).toBe("/agencies/polismyndigheten/inbox");
    expect(res.headers.get("x-middleware-request-x-kanal-lang")).toBe("sv");
    const none = await request("/agencies/polismyndigheten/inbox", { headers: { "x-kanal-lang": "en" } });
    expect(none.headers.get("x-middleware-request-x-kanal-lang")).toBe("");
  });

  it("passes an address a header cannot carry (an emoji or NUL) as unknown instead of failing", async () => {
    const res = await request("/agencies/x%00y/growth?lang=%F0%9F%92%A9");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-request-x-kanal-lang")).toBe("");
  });
});
