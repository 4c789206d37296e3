import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { DEMO_AGENCIES } from "@/lib/demo/catalog";
import { SOCIAL_PLATFORMS } from "@/lib/platforms/types";

/**
 * Points the demo agencies (marked is_demo)' social accounts that have no credentials at the sandbox. Any other
 * account, and a demo account once real credentials are saved for it (which clears the override,
 * lib/platforms/credentials.ts), collects from its real platform.
 */
export async function pointDemoAccountsAtSandbox(db: Db, sandboxUrl: string): Promise<number> {
  const keys = DEMO_AGENCIES.flatMap((a) => a.accounts.map((acc) => `${a.slug}|${acc.platform}|${acc.handle}`));
  return db.$executeRaw(Prisma.sql`
    UPDATE account a SET base_url = ${sandboxUrl} || '/' || a.platform::text
    FROM agency g
    WHERE g.id = a.agency_id AND g.is_demo AND a.credential_id IS NULL AND a.platform::text = ANY(${SOCIAL_PLATFORMS}::text[])
      AND (g.slug || '|' || a.platform::text || '|' || a.handle) = ANY(${keys}::text[])`);
}
