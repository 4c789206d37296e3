import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// Next.js's own compilation of a proxy matcher (what `next build` writes into its manifest).
import * as pageStaticInfo from "next/dist/build/analysis/get-page-static-info";
import { config } from "@/proxy";

const ROUTES = path.resolve("app/api/agencies/[slug]");
const { getMiddlewareMatchers } = pageStaticInfo as unknown as {
  getMiddlewareMatchers: (matcher: unknown, nextConfig: object) => { regexp: string }[];
};
const matchers = getMiddlewareMatchers(config.matcher, {});
const proxied = (pathname: string) => matchers.some((m) => new RegExp(m.regexp, "i").test(pathname));
const leftOut = /\(\?:([a-z|]+)\)\$/.exec(config.matcher[0]!.source)![1]!.split("|");
const scoped = readdirSync(ROUTES).filter((dir) => {
  const file = path.join(ROUTES, dir, "route.ts");
  try {
    return readFileSync(file, "utf8").includes("scopedRoute(");
  } catch {
    return false;
  }
});

describe("the proxy leaves out exactly the dashboard's JSON routes", () => {
  it("leaves out the routes of the one JSON pipeline, which answer GET alone", () => {
    expect([...leftOut].sort()).toEqual([...scoped].sort());
    for (const dir of leftOut) {
      const source = readFileSync(path.join(ROUTES, dir, "route.ts"), "utf8");
      expect(source, dir).toMatch(/export const GET = scopedRoute\(/);
      expect(source, dir).not.toMatch(/export (const|async function) (POST|PUT|PATCH|DELETE)\b/);
    }
  });

  it("still runs for every other address, and for a slug that is not plain", () => {
    expect(proxied("/api/agencies/oslo/growth")).toBe(false);
    expect(proxied("/api/agencies/oslo-politidistrikt/overview")).toBe(false);
    for (const p of [
      "/",
      "/agencies/oslo/growth",
      "/api/agencies/oslo/export/overview",
      "/api/agencies/oslo/growth/x",
      "/api/agencies/oslo/growthx",
      "/api/agencies/%FF/growth",
      "/api/agencies/oslo/inputs/trail",
      "/api/health",
      "/api/auth/get-session",
    ])
      expect(proxied(p), p).toBe(true);
  });
});
