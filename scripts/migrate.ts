/** `npm run migrate`: applies pending SQL migrations to DATABASE_URL, for operators of an external PostgreSQL. */
import { ConfigError, loadConfig, redactSecrets } from "@/lib/config";
import { migrate } from "@/lib/db/migrate";

try {
  const url = loadConfig().DATABASE_URL;
  if (!url)
    throw new ConfigError(
      "DATABASE_URL: set it to the PostgreSQL to migrate (`npm start` migrates its embedded one itself)",
    );
  const { applied, version } = await migrate(url);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : `schema up to date (version ${version})`);
} catch (error) {
  console.error(redactSecrets((error as Error).message));
  process.exit(1);
}
