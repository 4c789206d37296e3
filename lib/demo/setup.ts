import type { Db } from "@/lib/db/client";
import { ensureDemoAdmin } from "@/lib/auth/users";
import { loadDemoData } from "./load";

export type DemoAdminLogin = { email: string; password: string | null; created: boolean };

/**
 * Demo data at start-up: loaded into an empty database when DEMO_DATA is on (its default is on only
 * for the embedded database, see lib/config.ts), and the demo admin made a member of the demo
 * agencies. Agencies people created are never touched. Returns the demo admin, or null when there
 * is no demo.
 */
export async function setUpDemo(
  db: Db,
  opts: { demoData: "on" | "off"; pseudonymisationKey: string; password?: string; log?: (msg: string) => void },
): Promise<DemoAdminLogin | null> {
  if (opts.demoData === "off") return null;
  const loaded = (await db.agency.count()) === 0;
  if (loaded) {
    opts.log?.("loading demo agencies and their history …");
    const s = await loadDemoData(db, { pseudonymisationKey: opts.pseudonymisationKey });
    opts.log?.(
      `demo data: ${s.agencies} agencies, ${s.accounts} channels, ${s.days} channel-days, ${s.posts} posts, ${s.replies} replies`,
    );
  }
  // A database whose agencies were all created by people gets no demo admin.
  if ((await db.agency.count({ where: { isDemo: true } })) === 0) return null;
  return ensureDemoAdmin(db, { password: opts.password, grantDemoAgencies: loaded });
}
