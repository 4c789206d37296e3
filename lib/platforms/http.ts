import type { z } from "zod";
import { malformed, transient, PlatformError } from "./errors";
import { acquire, settle } from "./budget";

export type HttpResult = { status: number; headers: Headers; body: unknown };

// Budgets (lib/platforms/budget.ts): a call is made only with a token of its API root's bucket.
export { budgetKey, noteBudget, resetBudgets } from "./budget";
export { acquire as checkBudget } from "./budget";

/** GET with a timeout; parses JSON whatever the status. Network errors and timeouts are transient. */
export async function getJson(
  platform: string,
  url: string,
  opts: { timeoutMs: number; headers?: Record<string, string>; budgets?: string[] },
): Promise<HttpResult> {
  await acquire(platform, url, opts.budgets);
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept: "application/json", ...opts.headers },
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (error) {
    const e = error as Error;
    if (e.name === "TimeoutError" || e.name === "AbortError")
      throw transient(platform, `no answer within ${opts.timeoutMs} ms`);
    throw transient(platform, `network error: ${e.message}`);
  } finally {
    settle(url);
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

export function withQuery(
  base: string,
  path: string,
  query: Record<string, string | number | undefined | null>,
): string {
  const url = new URL(base.replace(/\/$/, "") + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  return url.toString();
}
