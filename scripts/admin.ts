/**
 * `npm run admin -- create-admin --email <address>`: makes an installation administrator and prints a
 * one-time link (valid 24 hours) where that person sets their own password or signs in with SSO.
 * `list-admins` lists them; `revoke-admin --email <address>` takes the role away. Works on
 * DATABASE_URL, or on the embedded database of `npm start` (started here if it is not running).
 * Prints no secret except the link itself.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { ConfigError, loadConfig, publishConfig } from "@/lib/config";
import { createDb } from "@/lib/db/client";
import { embeddedDatabaseUrl, isReachable, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { createInvitation } from "@/lib/people/invitations";

const USAGE = "usage: npm run admin -- create-admin --email <address> | list-admins | revoke-admin --email <address>";

const ArgsSchema = z.discriminatedUnion(
  "command",
  [
    z.object({
      command: z.literal("create-admin"),
      email: z.email("--email <address> must be an e-mail address").max(200),
    }),
    z.object({
      command: z.literal("revoke-admin"),
      email: z.email("--email <address> must be an e-mail address").max(200),
    }),
    z.object({ command: z.literal("list-admins") }),
  ],
  { error: "unknown command" },
);

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { email: { type: "string" } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ConfigError(`${USAGE}\n(${(error as Error).message})`);
  }
  if (parsed.positionals.length !== 1) throw new ConfigError(USAGE);
  const args = ArgsSchema.safeParse({ command: parsed.positionals[0], ...parsed.values });
  if (!args.success) throw new ConfigError(`${USAGE}\n(${args.error.issues[0]!.message})`);
  if (args.data.command === "list-admins" && parsed.values.email)
    throw new ConfigError(`${USAGE}\n(list-admins takes no --email)`);
  return args.data.command === "list-admins"
    ? args.data
    : { ...args.data, email: args.data.email.trim().toLowerCase() };
}

async function main() {
  const args = parse(process.argv.slice(2));
  const config = loadConfig();
  let embedded: EmbeddedDatabase | null = null;
  let url = config.DATABASE_URL ?? embeddedDatabaseUrl(config.EMBEDDED_PG_PORT);
  if (!config.DATABASE_URL && !(await isReachable(url))) {
    embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
    url = embedded.url;
  }
  // The code this script runs reads the same configuration as under `npm start` (lib/config.ts runtimeConfig).
  publishConfig({ ...config, DATABASE_URL: url });
  await migrate(url);
  const db = createDb(url);
  try {
    if (args.command === "list-admins") {
      const admins = await db.user.findMany({
        where: { installationAdmin: true },
        select: { email: true, name: true, createdAt: true },
        orderBy: { email: "asc" },
      });
      const pending = await db.invitation.findMany({
        where: { agencyId: null, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        select: { email: true, expiresAt: true },
        orderBy: { email: "asc" },
      });
      if (admins.length === 0 && pending.length === 0)
        console.log("no installation administrators yet: npm run admin -- create-admin --email <address>");
      for (const a of admins) console.log(`${a.email}\t${a.name}\tsince ${a.createdAt.toISOString().slice(0, 10)}`);
      for (const p of pending) console.log(`${p.email}\t(link not used yet, valid until ${p.expiresAt.toISOString()})`);
    } else if (args.command === "create-admin") {
      const existing = await db.user.findUnique({ where: { email: args.email }, select: { installationAdmin: true } });
      if (existing?.installationAdmin) {
        console.log(`${args.email} is already an installation administrator.`);
        return;
      }
      const link = await createInvitation(db, { email: args.email, agencyId: null, role: null, invitedByUserId: null });
      await recordAudit(db, {
        action: "installation_admin_invited",
        target: args.email,
        details: { by: "command line" },
      });
      console.log(
        `${args.email} becomes an installation administrator on opening this link (once, until ${link.expiresAt.toISOString()}):`,
      );
      console.log(
        existing
          ? `(the account exists: sign in as ${args.email} there and accept)`
          : "(there they choose their own password, or sign in with SSO)",
      );
      console.log(link.url);
    } else {
      const revoked = await db.user.updateMany({
        where: { email: args.email, installationAdmin: true },
        data: { installationAdmin: false },
      });
      const links = await db.invitation.updateMany({
        where: { email: args.email, agencyId: null, acceptedAt: null, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (revoked.count === 0 && links.count === 0) {
        console.error(`${args.email} is not an installation administrator.`);
        process.exitCode = 1;
        return;
      }
      await recordAudit(db, {
        action: "installation_admin_revoked",
        target: args.email,
        details: { by: "command line" },
      });
      console.log(
        `${args.email} is no longer an installation administrator${links.count ? " (open set-up link withdrawn)" : ""}; agency memberships are unchanged.`,
      );
    }
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `[admin] ${(error as Error).message}`);
  process.exit(1);
});
