/**
 * Row `first_load_js_kb_max`: the JavaScript a modern browser loads first on each page of the
 * production build (the root main files plus each page's entry chunks, from the client reference
 * manifests; polyfills are for old browsers only), gzip-compressed; the largest page counts.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { log, round, type Result } from "./common";

function manifests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? manifests(path.join(dir, e.name))
      : e.name === "page_client-reference-manifest.js"
        ? [path.join(dir, e.name)]
        : [],
  );
}

export function firstLoadJsRow(nextDir = ".next"): Result[] {
  const build = JSON.parse(readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const gz = new Map<string, number>();
  const size = (file: string) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(path.join(nextDir, file))).length);
    return gz.get(file)!;
  };
  const pages: { page: string; kb: number }[] = [];
  for (const file of manifests(path.join(nextDir, "server", "app"))) {
    const holder = { __RSC_MANIFEST: {} as Record<string, { entryJSFiles: Record<string, string[]> }> };
    new Function("globalThis", readFileSync(file, "utf8"))(holder);
    for (const [page, m] of Object.entries(holder.__RSC_MANIFEST)) {
      const files = new Set(build.rootMainFiles);
      for (const [entry, chunks] of Object.entries(m.entryJSFiles)) {
        if (entry.includes("not-found") || entry.includes("global-error")) continue;
        for (const c of chunks) files.add(c.replace(/^\/_next\//, ""));
      }
      pages.push({ page, kb: [...files].reduce((sum, f) => sum + size(f), 0) / 1024 });
    }
  }
  pages.sort((a, b) => b.kb - a.kb);
  log(`\nfirst-load JS (gzip) of ${pages.length} pages; the largest:`);
  for (const p of pages.slice(0, 5)) log(`   ${p.kb.toFixed(1).padStart(7)} kB  ${p.page}`);
  return [
    {
      name: "first_load_js_kb_max",
      value: round(pages[0]?.kb ?? 0, 1),
      goal: "≤ 150",
      note: `largest first-load JS of any page (gzip kB): ${pages[0]?.page}`,
    },
  ];
}
