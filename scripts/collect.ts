/**
 * `npm run collect -- --account <handle> [--agency <slug>]`: collects one channel now, for
 * operators, with a progress bar on a terminal. Uses the running product's database (DATABASE_URL,
 * or the embedded one `npm start` runs, started here if it is not running) and, for demo
 * channels, the sandbox (started here if `npm start` is not running it).
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { z } from "zod";
import { collectAccount } from "@/jobs/collectAccount";
import { ConfigError, loadConfig, publishConfig, redactSecrets } from "@/lib/config";
import { configureLimits } from "@/lib/platforms/budget";
import { createDb } from "@/lib/db/client";
import { embeddedDatabaseUrl, isReachable, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { resolveKeys } from "@/lib/keys";
import { startSandbox, type Sandbox } from "@/lib/sandbox/server";

const ArgsSchema = z.object({
  account: z.string({ error: "--account <handle> is required" }).min(1, "--account <handle> is required"),
  agency: z.string().min(1).optional(),
});

async function main() {
  const { values } = parseArgs({
    options: { account: { type: "string" }, agency: { type: "string" } },
    allowPositionals: false,
  });
  const args = ArgsSchema.safeParse(values);
  if (!args.success)
    throw new ConfigError(
      `usage: npm run collect -- --account <handle> [--agency <slug>] (${args.error.issues[0]!.message})`,
    );
  const config = loadConfig();
  if (config.PLATFORM_RATE_LIMITS) configureLimits(config.PLATFORM_RATE_LIMITS);
  const keys = resolveKeys(config);

  let embedded: EmbeddedDatabase | null = null;
  let url = config.DATABASE_URL ?? embeddedDatabaseUrl(config.EMBEDDED_PG_PORT);
  if (!config.DATABASE_URL && !(await isReachable(url))) {
    embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
    url = embedded.url;
  }
  // The code this script runs reads the same configuration as under `npm start` (lib/config.ts runtimeConfig).
  publishConfig({
    ...config,
    DATABASE_URL: url,
    PSEUDONYMISATION_KEY: keys.pseudonymisationKey,
    CREDENTIALS_KEY: keys.credentialsKey,
    AUTH_SECRET: keys.authSecret,
  });
  await migrate(url);
  const db = createDb(url);
  let sandbox: Sandbox | null = null;
  try {
    const accounts = await db.account.findMany({
      where: { handle: args.data.account, ...(args.data.agency ? { agency: { slug: args.data.agency } } : {}) },
      include: { agency: { select: { slug: true } } },
    });
    if (accounts.length === 0)
      throw new ConfigError(
        `no channel with handle "${args.data.account}"${args.data.agency ? ` in ${args.data.agency}` : ""}`,
      );
    if (accounts.length > 1)
      throw new ConfigError(
        `"${args.data.account}" exists in several agencies (${accounts.map((a) => a.agency.slug).join(", ")}): add --agency <slug>`,
      );
    const account = accounts[0]!;

    // A demo channel collects from the sandbox; run one here when `npm start` is not running it.
    const local = account.baseUrl ? /^http:\/\/127\.0\.0\.1:(\d+)\//.exec(account.baseUrl) : null;
    if (
      local &&
      !(await fetch(account.baseUrl!, { signal: AbortSignal.timeout(1_000) }).then(
        () => true,
        () => false,
      ))
    ) {
      sandbox = await startSandbox({ port: Number(local[1]) });
    }

    const tty = process.stdout.isTTY;
    const bar = tty
      ? new cliProgress.SingleBar(
          { format: " {phase} |{bar}| {value}/{total} dager · {pages} sider", hideCursor: true },
          cliProgress.Presets.shades_classic,
        )
      : null;
    let started = false;
    const result = await collectAccount(
      {
        db,
        databaseUrl: url,
        pseudonymisationKey: keys.pseudonymisationKey,
        credentialsKey: keys.credentialsKey,
        timeoutMs: config.PLATFORM_TIMEOUT_MS,
        backfillDays: config.BACKFILL_DAYS,
        onProgress: (p) => {
          const total = Math.max(p.daysTotal, 1);
          if (bar && !started) {
            bar.start(total, p.daysDone, { phase: p.phase, pages: p.pages });
            started = true;
          }
          if (bar) {
            bar.setTotal(total);
            bar.update(p.daysDone, { phase: p.phase, pages: p.pages });
          } else {
            console.log(`[collect] ${p.phase}: ${p.pages} pages, ${p.daysDone}/${p.daysTotal} days`);
          }
        },
      },
      account.id,
    );
    bar?.stop();
    if (result.status === "skipped") {
      console.log(`[collect] ${account.handle}: skipped — ${result.reason}`);
      process.exitCode = 2;
    } else {
      console.log(
        `[collect] ${account.handle}: ${result.outcome}, ${result.itemsFetched} fetched, ${result.itemsWritten} written${result.error ? ` — ${result.error}` : ""}`,
      );
      if (result.outcome === "failed") process.exitCode = 1;
    }
  } finally {
    await db.$disconnect();
    await sandbox?.close();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `[collect] ${redactSecrets((error as Error).message)}`);
  process.exit(1);
});
