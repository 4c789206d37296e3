import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { createDb } from "@/lib/db/client";
import { readMigrations } from "@/lib/db/migrate";
import { setConfig } from "../helpers/config";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();

afterEach(() => {
  setConfig({});
});

describe("/api/health", () => {
  it("answers 200 with the schema version when the database is reachable and migrated", async () => {
    setConfig({ DATABASE_URL: t.url });
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe("ok");
    expect(body.database).toEqual({
      reachable: true,
      schemaVersion: (await readMigrations()).at(-1)!.version,
      expectedSchemaVersion: (await readMigrations()).at(-1)!.version,
    });
    expect(body.scheduler.state).toBeDefined();
  });

  it("answers 503 when the database is down", async () => {
    const dead = createDb("postgresql://nobody@127.0.0.1:1/none");
    setConfig({ DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" });
    const res = await GET();
    expect(res.status).toBe(503);
    expect((await res.json()).database.reachable).toBe(false);
    await dead.$disconnect();
  });
});
