import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const FILE = "kanal-demo-login.json";

/**
 * Only a hash of the demo admin's password is in the database. The embedded default keeps the plain
 * password inside its own cluster folder (mode 0600), so the printed password always belongs to the
 * database it is printed for: a new cluster starts without the file, and an external database
 * (DATABASE_URL) never gets its password printed or stored.
 */
export function rememberDemoLogin(
  clusterDir: string,
  login: { email: string; password: string | null },
): { email: string; password: string | null } {
  const file = path.join(clusterDir, FILE);
  if (login.password) {
    writeFileSync(file, JSON.stringify({ email: login.email, password: login.password }), { mode: 0o600 });
    return { email: login.email, password: login.password };
  }
  if (!existsSync(file)) return { email: login.email, password: null };
  const saved = JSON.parse(readFileSync(file, "utf8")) as { email?: string; password?: string };
  return { email: login.email, password: saved.email === login.email ? (saved.password ?? null) : null };
}

/** Earlier versions kept the password in DATA_DIR/demo-login.json, shared by every database used with that folder. */
export function forgetSharedDemoLogin(dataDir: string): void {
  rmSync(path.resolve(dataDir, "demo-login.json"), { force: true });
}
