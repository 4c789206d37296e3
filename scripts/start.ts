/**
 * `npm start`: the whole product in one process — PostgreSQL (embedded unless DATABASE_URL is set),
 * migrations, demo data on an empty database, the Next.js server and the scheduler. Ctrl-C stops
 * all of them cleanly.
 */
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { setFlagsFromString } from "node:v8";
import next from "next";
import { ConfigError, loadConfig, publishConfig, redactSecrets } from "@/lib/config";
import { db as processDb } from "@/lib/db/client";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { setUpDemo } from "@/lib/demo/setup";
import { ensureDataDir, resolveKeys } from "@/lib/keys";
import { forgetSharedDemoLogin, rememberDemoLogin } from "./demo-login";
import { startScheduler, stopScheduler } from "@/jobs/scheduler";
import { productSchedule } from "@/jobs/schedule";
import { createReportQueue, startReportWorkers } from "@/jobs/reports";
import { createAlertMailQueue, startAlertMailWorkers } from "@/jobs/checkAlerts";
import { createMailer } from "@/lib/mail/transport";
import { startMailCatcher } from "@/lib/mail/catcher";
import { outboxDir } from "@/lib/mail/outbox";
import { enqueueCollection, enqueueDueAccounts, startQueue, startWorkers } from "@/jobs/queue";
import { registerCollectionStarter } from "@/lib/channels/collectSoon";
import { configureLimits } from "@/lib/platforms/budget";
import { startSandbox, type Sandbox } from "@/lib/sandbox/server";
import { pointDemoAccountsAtSandbox } from "@/lib/sandbox/connect";
import type { PgBoss } from "pg-boss";
import { buildIsStale } from "./build-freshness";
import { isRscPostWithoutAction } from "@/lib/http/actionPayload";
import type { UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";
import { requestLocale } from "@/lib/intl/requestLocale";
import { closePool } from "@/lib/db/pool";
import { beginShutdown } from "@/lib/shutdown";

// :TRICKY: Buffers a response has already sent (the CSV export's 64 kB chunks) are freed only by a garbage
// collection, and a download that allocates little on the JS heap triggers none until some 64 MB of them have
// piled up. V8 starts a young-generation collection for new Buffers alone once they reach twice this flag's
// semi-space size; set after start-up, 4 (16 MB of Buffers on Node 24) changes only that trigger: the heap was
// sized when the process started, so pages and JSON routes keep V8's default young generation and collections.
// bench:check's export_server_rss_growth_mb shows whether a Node upgrade still honours it.
setFlagsFromString("--scavenger-max-new-space-capacity-mb=4");

const dev = process.argv.includes("--dev");
// Restricted networks: never phone home. Only `next build` (a child process, given it in its environment)
// and the development server report telemetry; the production server in this process does not.
if (dev) {
  // :TRICKY: the one write to process.env: Next.js's development server reads this variable itself
  // and has no option for it.
  process.env.NEXT_TELEMETRY_DISABLED = "1";
}
const log = (msg: string) => console.log(`[kanal] ${msg}`);

async function main() {
  const settings = loadConfig();
  ensureDataDir(settings.DATA_DIR);
  let embedded: EmbeddedDatabase | null = null;
  if (!settings.DATABASE_URL) {
    log(`starting embedded PostgreSQL (data in ${settings.DATA_DIR}/postgres, port ${settings.EMBEDDED_PG_PORT})`);
    embedded = await startEmbeddedPostgres({ dataDir: settings.DATA_DIR, port: settings.EMBEDDED_PG_PORT });
  }
  const url = settings.DATABASE_URL ?? embedded!.url;
  const keys = resolveKeys(settings);
  // The web pages offer the sandbox for new channels and its sign-in (lib/channels/target.ts).
  const sandbox: Sandbox | null =
    settings.SANDBOX === "on" ? await startSandbox({ port: settings.SANDBOX_PORT }) : null;
  // What start-up derived completes the settings; from here on every part of the process, the
  // Next.js route bundles included, reads this one configuration (runtimeConfig in lib/config.ts).
  const config = publishConfig({
    ...settings,
    DATABASE_URL: url,
    PSEUDONYMISATION_KEY: keys.pseudonymisationKey,
    CREDENTIALS_KEY: keys.credentialsKey,
    AUTH_SECRET: keys.authSecret,
    SANDBOX_URL: sandbox?.url,
  });

  const { applied, version } = await migrate(url);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : `schema up to date (version ${version})`);

  const db = processDb();
  forgetSharedDemoLogin(config.DATA_DIR);
  const demoAdmin = await setUpDemo(db, {
    demoData: config.DEMO_DATA,
    pseudonymisationKey: keys.pseudonymisationKey,
    password: config.DEMO_ADMIN_PASSWORD,
    log,
  });
  // The demo password is shown only on the embedded default; an external database's is never printed.
  const demoLogin = demoAdmin && embedded ? rememberDemoLogin(embedded.dir, demoAdmin) : null;
  if (demoAdmin && !embedded)
    log(
      `demo data on: the demo admin ${demoAdmin.email} ${config.DEMO_ADMIN_PASSWORD ? "signs in with the password in DEMO_ADMIN_PASSWORD" : "can sign in once DEMO_ADMIN_PASSWORD is set"}`,
    );

  if (sandbox) {
    const pointed = await pointDemoAccountsAtSandbox(db, sandbox.url);
    log(`sandbox platforms on ${sandbox.url} (${pointed} demo channels collect from it)`);
  }

  // The queue carries collection, the scheduled jobs and report sending; every instance starts it.
  const boss: PgBoss = await startQueue(url, (m) => log(m));
  // New channels start their backfill at once: the web pages queue it through this instance's queue.
  registerCollectionStarter((accountId) => enqueueCollection(boss, accountId));
  if (config.WORKERS === "on") {
    if (config.PLATFORM_RATE_LIMITS) configureLimits(config.PLATFORM_RATE_LIMITS);
    await startWorkers(boss, {
      db,
      databaseUrl: url,
      pseudonymisationKey: keys.pseudonymisationKey,
      credentialsKey: keys.credentialsKey,
      timeoutMs: config.PLATFORM_TIMEOUT_MS,
      backfillDays: config.BACKFILL_DAYS,
      log: (m) => log(`[collect] ${m}`),
    });
  }

  if (!dev && buildIsStale()) {
    log("building the web app (first start or changed sources) …");
    const build = spawnSync("npx", ["next", "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error("next build failed");
  }

  const app = next({ dev, dir: process.cwd(), hostname: config.HOST, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    // Without a trusted reverse proxy in front, the client address is the socket's: replace whatever
    // the client claimed, so sign-in rate limits cannot be dodged with a forged header.
    // The same for the host and scheme a proxy would forward: without one, they are the client's claims.
    if (config.TRUST_PROXY === "off") {
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
      delete req.headers["x-forwarded-host"];
      delete req.headers["x-forwarded-proto"];
    }
    if (isRscPostWithoutAction(req.method, req.headers)) {
      let locale: UiLocale = "nb";
      try {
        locale = requestLocale(
          new URL(req.url ?? "/", "http://localhost"),
          new Headers({ referer: String(req.headers.referer ?? "") }),
        );
      } catch {
        // an address that does not parse: bokmål
      }
      res
        .writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" })
        .end(translator(locale, "hardening")("malformed"));
      return;
    }
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));

  const catcher = config.SMTP_HOST
    ? null
    : await startMailCatcher({ port: config.MAIL_CATCHER_PORT, dir: outboxDir(config.DATA_DIR) });
  if (catcher)
    log(`no SMTP_HOST: e-mail goes to the local mail catcher on port ${config.MAIL_CATCHER_PORT} (see /mailbox)`);
  const baseUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const intervals = {
    minutes: config.COLLECT_INTERVAL_MINUTES,
    sandboxMinutes: config.SANDBOX_COLLECT_INTERVAL_MINUTES,
  };
  const enqueueDueCollections = async () => {
    const n = await enqueueDueAccounts(boss, db, intervals);
    if (n) log(`[schedule] queued ${n} channel collection${n === 1 ? "" : "s"}`);
  };
  await createReportQueue(boss);
  if (config.WORKERS === "on")
    await startReportWorkers(boss, { db, mailer: createMailer(config), baseUrl, secret: keys.authSecret }, (m) =>
      log(`[reports] ${m}`),
    );
  await createAlertMailQueue(boss);
  if (config.WORKERS === "on")
    await startAlertMailWorkers(boss, { db, mailer: createMailer(config), baseUrl }, (m) => log(`[alerts] ${m}`));
  await startScheduler(boss, productSchedule({ db, boss, enqueueDueCollections, log }), {
    clock: config.SCHEDULER === "on",
    work: config.WORKERS === "on",
    log: (m) => log(`[schedule] ${m}`),
  });
  // The first tick comes at the next whole minute; collect what is due right away too.
  if (config.SCHEDULER === "on") void enqueueDueCollections().catch((e: Error) => log(`[schedule] ${e.message}`));

  const shownHost = config.HOST === "0.0.0.0" || config.HOST === "127.0.0.1" ? "localhost" : config.HOST;
  log(`ready on http://${shownHost}:${config.PORT}`);
  if (demoLogin)
    log(`demo login: ${demoLogin.email} / ${demoLogin.password ?? "(password set earlier; see DEMO_ADMIN_PASSWORD)"}`);

  let stopping = false;
  // :TRICKY: Ctrl-C signals the whole process group, embedded PostgreSQL included. Stop taking
  // requests first, then the parts that use the database, then the database; every step may fail
  // quietly (its peer may already be gone), and a deadline makes the final "stopped" line certain.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    beginShutdown();
    log(`${signal}: stopping web server, scheduler, workers, sandbox and database …`);
    const deadline = setTimeout(() => {
      log("stopped (some parts did not finish within 25 s and were left behind)");
      process.exit(0);
    }, 25_000);
    // A step whose peer is already gone may never settle (a PostgreSQL that exited on Ctrl-C): wait at most 12 s.
    const quietly = async (step: () => Promise<unknown> | unknown) => {
      try {
        await Promise.race([step(), new Promise((resolve) => setTimeout(resolve, 12_000).unref())]);
      } catch {
        /* already gone */
      }
    };
    server.close();
    server.closeIdleConnections();
    await quietly(() => stopScheduler());
    await quietly(() => boss.stop({ graceful: true, timeout: 10_000 }));
    await quietly(() => catcher?.stop());
    await quietly(() => sandbox?.close());
    await quietly(() => db.$disconnect());
    await quietly(() => closePool());
    server.closeAllConnections();
    await quietly(() => app.close?.());
    if (embedded) await quietly(() => embedded!.stop());
    clearTimeout(deadline);
    log("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `[kanal] failed to start: ${redactSecrets((error as Error).message)}`,
  );
  process.exit(1);
});
