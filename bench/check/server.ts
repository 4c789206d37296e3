/**
 * The product as `npm start` starts it (scripts/start.ts on the production build), on a port and
 * database of the benchmark's own, with no demo data, scheduler, workers or sandbox; and a
 * signed-in session for its HTTP routes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDb } from "@/lib/db/client";
import { createLocalUser, grantMembership } from "@/lib/auth/users";

export type Server = {
  base: string;
  pid: number;
  /** GET with the session cookie; the whole body is read. */
  get(pathAndQuery: string): Promise<{ status: number; bytes: number; ms: number; text?: string }>;
  /** Resident memory of the server process, MB (from /proc). */
  rssMb(): number;
  stop(): Promise<void>;
};

const PASSWORD = "bench-check-passord-2026";

export async function startServer(databaseUrl: string, port: number): Promise<Server> {
  const db = createDb(databaseUrl);
  // The benchmark's own user, admin of every agency in the generated database.
  const admin = { email: "bench-check@kanal.test", password: PASSWORD };
  const user =
    (await db.user.findUnique({ where: { email: admin.email } })) ??
    (await createLocalUser(db, { ...admin, name: "Benchmark" }));
  for (const agency of await db.agency.findMany({ select: { id: true } }))
    await grantMembership(db, { userId: user.id, agencyId: agency.id, role: "admin" });
  await db.$disconnect();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kanal-check-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      NODE_ENV: "production",
      DEMO_DATA: "off",
      SANDBOX: "off",
      SCHEDULER: "off",
      WORKERS: "off",
      MAIL_CATCHER_PORT: String(port + 1),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready on")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited (${code}):\n${output.slice(-2_000)}`)));
  });
  await ready;
  const base = `http://127.0.0.1:${port}`;
  const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: admin.email, password: PASSWORD }),
  });
  if (!signIn.ok) throw new Error(`sign-in failed: HTTP ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const pid = child.pid!;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  return {
    base,
    pid,
    get(pathAndQuery) {
      // node:http rather than fetch: a CSV of a million rows arrives in many small chunks, which
      // fetch's web stream reads several times slower than the server writes them.
      return new Promise((resolve, reject) => {
        const t0 = performance.now();
        const req = http.get(`${base}${pathAndQuery}`, { headers: { cookie }, agent }, (res) => {
          const keep = !(res.headers["content-type"] ?? "").includes("csv");
          const parts: Buffer[] = [];
          let bytes = 0;
          res.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
            if (keep) parts.push(chunk);
          });
          res.on("end", () => {
            const ms = performance.now() - t0;
            const text = keep ? Buffer.concat(parts).toString() : undefined;
            if (res.statusCode !== 200)
              return reject(new Error(`GET ${pathAndQuery}: HTTP ${res.statusCode} ${text?.slice(0, 300) ?? ""}`));
            resolve({ status: 200, bytes, ms, ...(text !== undefined ? { text } : {}) });
          });
          res.on("error", reject);
        });
        req.on("error", reject);
      });
    },
    rssMb() {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
    },
    async stop() {
      agent.destroy();
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
