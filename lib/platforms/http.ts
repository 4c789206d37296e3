import type { z } from "zod";
import { malformed, rateLimited, transient, PlatformError } from "./errors";

export type HttpResult = { status: number; headers: Headers; body: unknown };

// :TRICKY: a platform that said "0 calls left until T" must not be called again before T, even by
// another account of the same collection; the budget is kept per API root for this process. A
// platform whose limits have another scope (Facebook: the whole app, or one Page) names its own keys.
const exhausted = new Map<string, Date>();

export function budgetKey(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.split("/").slice(0, 3).join("/")}`;
}

/** Records "`remaining` calls left until `resetAt`" for the API root of `url`, or for `scope` when given. */
export function noteBudget(url: string, remaining: number | null, resetAt: Date | null, scope?: string): void {
  if (remaining !== null && remaining <= 0 && resetAt && resetAt.getTime() > Date.now()) {
    const key = scope ?? budgetKey(url);
    const known = exhausted.get(key);
    if (!known || known < resetAt) exhausted.set(key, resetAt);
  }
}

/** Refuses, without calling, a call to `url` (or to any of `scopes`) that a platform said would fail. */
export function checkBudget(platform: string, url: string, scopes: string[] = []): void {
  let until: Date | null = null;
  for (const key of [budgetKey(url), ...scopes]) {
    const at = exhausted.get(key);
    if (at && at.getTime() <= Date.now()) exhausted.delete(key);
    else if (at && (!until || at > until)) until = at;
  }
  if (until) throw rateLimited(platform, until);
}

export function resetBudgets(): void {
  exhausted.clear();
}

/** GET with a timeout; parses JSON whatever the status. Network errors and timeouts are transient. */
export async function getJson(platform: string, url: string, opts: { timeoutMs: number; headers?: Record<string, string>; budgets?: string[] }): Promise<HttpResult> {
  checkBudget(platform, url, opts.budgets);
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json", ...opts.headers }, signal: AbortSignal.timeout(opts.timeoutMs) });
  } catch (error) {
    const e = error as Error;
    if (e.name === "TimeoutError" || e.name === "AbortError") throw transient(platform, `no answer within ${opts.timeoutMs} ms`);
    throw transient(platform, `network error: ${e.message}`);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    throw transient(platform, `response cut off: ${(error as Error).message}`);
  }
  let body: unknown;
  try {
    body = text === "" ? null : JSON.parse(text);
  } catch {
    if (res.status >= 500) throw transient(platform, `HTTP ${res.status}`);
    throw malformed(platform, `HTTP ${res.status}, body is not JSON`);
  }
  return { status: res.status, headers: res.headers, body };
}

/** Validates a body with zod; a shape change is a malformed response, named by its first issue. */
export function parseBody<T>(platform: string, schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw malformed(platform, `${what}: ${issue.path.join(".") || "body"} ${issue.message}`);
}

export function serverError(platform: string, status: number): PlatformError {
  return transient(platform, `HTTP ${status} from the platform`);
}

export function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function withQuery(base: string, path: string, query: Record<string, string | number | undefined | null>): string {
  const url = new URL(base.replace(/\/$/, "") + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  return url.toString();
}
