import { performance } from "node:perf_hooks";

/** One figure of the table: printed as `RESULT <name> <value>` at the end of bench:check. */
export type Result = { name: string; value: number; goal: string; note: string };

export const log = (line: string) => console.log(line);
export const seconds = (t0: number) => (performance.now() - t0) / 1000;

export type Timing = { p50: number; p95: number; times: number[] };

/** p50/p95 of `runs` timed calls after one warm-up (plan caches, connections, JIT). */
export async function timed(fn: () => Promise<unknown>, runs: number): Promise<Timing> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: sorted[Math.floor(sorted.length * 0.5)]!,
    p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!,
    times,
  };
}

/**
 * Times `a` and `b` interleaved (a, b, a, b …) so load from other work on the machine falls on both
 * alike; returns their p50/p95. First `warmup` untimed rounds: a server in service has long since
 * compiled its routes' hot code (V8 optimises a function only after it has run often), and a
 * freshly started one would otherwise put its first requests' compile time into the p95.
 */
export async function timedPair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  runs: number,
  warmup = 10,
): Promise<[Timing, Timing]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    await b();
    tb.push(performance.now() - t0);
  }
  const stats = (times: number[]): Timing => {
    const s = [...times].sort((x, y) => x - y);
    return { p50: s[Math.floor(s.length * 0.5)]!, p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!, times };
  };
  return [stats(ta), stats(tb)];
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));
