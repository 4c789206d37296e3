import { describe, expect, it } from "vitest";
import { handleAuthRequest } from "@/lib/auth/handler";

const echo =
  (body: unknown, init: ResponseInit = {}) =>
  async () =>
    new Response(JSON.stringify(body), {
      ...init,
      headers: {
        "content-type": "application/json",
        "set-cookie": "better-auth.session_token=abc.sig; HttpOnly",
        ...(init.headers ?? {}),
      },
    });
const post = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost:3000/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });

describe("the auth route around better-auth", () => {
  it("never returns the session token or OAuth tokens in JSON, and keeps the cookie", async () => {
    const res = await handleAuthRequest(
      new Request("http://localhost:3000/api/auth/list-sessions"),
      echo([
        { id: "s1", token: "abc", userId: "u" },
        { session: { token: "def", accessToken: "x", refreshToken: "y", idToken: "z" } },
      ]),
    );
    const text = await res.text();
    for (const secret of ['"abc"', '"def"', "accessToken", "refreshToken", "idToken"])
      expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toEqual([{ id: "s1", userId: "u" }, { session: {} }]);
    expect(res.headers.get("set-cookie")).toContain("HttpOnly");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers malformed JSON with 400 and the product's message in the page's language, before better-auth sees it", async () => {
    let called = false;
    const handler = async () => {
      called = true;
      return new Response("{}");
    };
    for (const body of ["{", "[]", "null", "1", '"x"'])
      expect((await handleAuthRequest(post(body), handler)).status).toBe(400);
    for (const type of ["text/plain", "multipart/form-data; boundary=x", "application/octet-stream"])
      expect((await handleAuthRequest(post("{}", { "content-type": type }), handler)).status).toBe(415);
    const sv = await handleAuthRequest(post("{", { referer: "http://localhost:3000/login?lang=sv" }), handler);
    expect(await sv.json()).toEqual({ error: "Begäran måste vara ett giltigt JSON-objekt." });
    expect(called).toBe(false);
  });

  it("answers a path better-auth does not offer with the product's 404 body in the request's language", async () => {
    const empty = async () => new Response(null, { status: 404 });
    const get = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });
    const nb = await handleAuthRequest(get("http://localhost:3000/api/auth/forget-password"), empty);
    expect(nb.status).toBe(404);
    expect(await nb.json()).toEqual({ error: "not_found", message: "Fant ikke det du ba om.", issues: [] });
    const en = await handleAuthRequest(get("http://localhost:3000/api/auth/set-password?lang=en"), empty);
    expect(((await en.json()) as { message: string }).message).toBe("Not found.");
    const sv = await handleAuthRequest(
      get("http://localhost:3000/api/auth/forget-password", { referer: "http://localhost:3000/account?lang=sv" }),
      empty,
    );
    expect(((await sv.json()) as { message: string }).message).toBe("Hittades inte.");
  });

  it("passes a well-formed body through unchanged", async () => {
    const seen: unknown[] = [];
    await handleAuthRequest(post('{"email":"a@b.no","password":"x"}'), async (req) => {
      seen.push(await req.json());
      return new Response("ok", { headers: { "content-type": "text/plain" } });
    });
    expect(seen).toEqual([{ email: "a@b.no", password: "x" }]);
  });
});
