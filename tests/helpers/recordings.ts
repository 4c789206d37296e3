import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";

/**
 * The real platform answers in `../shared/platform-recordings` (beside the clone; CI has it there),
 * or wherever PLATFORM_RECORDINGS_DIR points. They are read where they are, never copied into the
 * project. A missing folder fails the test file: nothing is skipped silently.
 */
export function recordingsDir(): string {
  const dir =
    process.env.PLATFORM_RECORDINGS_DIR ?? path.resolve(import.meta.dirname, "../..", "../shared/platform-recordings");
  if (!existsSync(path.join(dir, "README.md"))) {
    throw new Error(
      `The real platform recordings were not found at ${dir}. Put shared/platform-recordings beside the clone, or set PLATFORM_RECORDINGS_DIR to its folder.`,
    );
  }
  return dir;
}

/** One recorded body, parsed (`twitter/user_by_username`). */
export function recording<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(path.join(recordingsDir(), `${name}.json`), "utf8")) as T;
}

/** What a recording's .source.txt says about it (where it comes from, which headers it had). */
export function recordingSource(name: string): string {
  return readFileSync(path.join(recordingsDir(), `${name}.source.txt`), "utf8");
}

export type SeenRequest = { path: string; query: Record<string, string>; headers: IncomingHttpHeaders };

/** An answer the fake serves: a recording's body (or a documented one) with its status and headers. */
export type Answer = { status?: number; body: unknown; headers?: Record<string, string> };
export type Route = { path: string | RegExp; query?: Record<string, string>; answer: Answer | ((url: URL) => Answer) };

/**
 * A real local HTTP server that serves recorded platform answers. Routes are matched in order by
 * path and query parameters; a request no route matches is answered 599 and listed in `unmatched`,
 * so a connector asking for something the recordings do not cover is seen, not guessed.
 */
export function useRecordedPlatform(): { url: string; routes: Route[]; requests: SeenRequest[]; unmatched: string[] } {
  const state = { url: "", routes: [] as Route[], requests: [] as SeenRequest[], unmatched: [] as string[] };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://recorded");
    state.requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers });
    const route = state.routes.find(
      (r) =>
        (typeof r.path === "string" ? r.path === url.pathname : r.path.test(url.pathname)) &&
        Object.entries(r.query ?? {}).every(([k, v]) => url.searchParams.get(k) === v),
    );
    if (!route) {
      state.unmatched.push(`${url.pathname}${url.search}`);
      res.writeHead(599, { "content-type": "text/plain" });
      return res.end("no recording for this request");
    }
    const a = typeof route.answer === "function" ? route.answer(url) : route.answer;
    res.writeHead(a.status ?? 200, { "content-type": "application/json; charset=utf-8", ...a.headers });
    res.end(typeof a.body === "string" ? a.body : JSON.stringify(a.body));
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    state.routes = [];
    state.requests.length = 0;
    state.unmatched.length = 0;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return state;
}

export const epochIn = (ms: number) => Math.ceil((Date.now() + ms) / 1000);
/** Mastodon's X-RateLimit-Reset: ISO 8601 with microseconds (Rails `iso8601(6)`). */
export const isoMicros = (d: Date) => d.toISOString().replace(/\.(\d{3})Z$/, ".$1456Z");
