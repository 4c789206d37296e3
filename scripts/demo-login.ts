import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Only a hash of the demo admin's password is in the database; the local installation keeps the
 * plain password in DATA_DIR (mode 0600) so every start can print it.
 */
export function rememberDemoLogin(dataDir: string, login: { email: string; password: string | null }): { email: string; password: string | null } {
  const file = path.resolve(dataDir, "demo-login.json");
  if (login.password) {
    writeFileSync(file, JSON.stringify(login), { mode: 0o600 });
    return login;
  }
  if (!existsSync(file)) return login;
  const saved = JSON.parse(readFileSync(file, "utf8")) as { email?: string; password?: string };
  return { email: login.email, password: saved.email === login.email ? saved.password ?? null : null };
}
