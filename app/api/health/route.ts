import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { readMigrations } from "@/lib/db/migrate";
import { schedulerState } from "@/jobs/scheduler";

export const dynamic = "force-dynamic";

// The migrations this build carries do not change while it runs: read their folder once, not per probe.
let expectedVersion: Promise<string | null> | null = null;
const latestMigration = () =>
  (expectedVersion ??= readMigrations().then(
    (m) => m.at(-1)?.version ?? null,
    (e: unknown) => {
      expectedVersion = null;
      throw e;
    },
  ));

/** Liveness and readiness: database reachable, schema version, scheduler state. 503 when the database is down. */
export async function GET() {
  const latest = await latestMigration();
  const scheduler = schedulerState();
  try {
    const rows = await withTimeout(
      db().$queryRaw<{ version: string }[]>`SELECT version FROM schema_migrations ORDER BY version DESC LIMIT 1`,
      3_000,
    );
    const schemaVersion = rows[0]?.version ?? null;
    const ok = schemaVersion === latest;
    return NextResponse.json(
      {
        status: ok ? "ok" : "migrations_pending",
        database: { reachable: true, schemaVersion, expectedSchemaVersion: latest },
        scheduler,
      },
      { status: ok ? 200 : 503 },
    );
  } catch {
    return NextResponse.json(
      {
        status: "database_unreachable",
        database: { reachable: false, schemaVersion: null, expectedSchemaVersion: latest },
        scheduler,
      },
      { status: 503 },
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);
}
