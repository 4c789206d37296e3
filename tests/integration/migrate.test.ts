import { cp, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, MIGRATIONS_DIR, readMigrations } from "@/lib/db/migrate";
import { createEmptyDatabase } from "../helpers/testDb";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function emptyDb() {
  const d = await createEmptyDatabase();
  cleanups.push(d.drop);
  return d.url;
}

async function appliedVersions(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ version: string }>("SELECT version FROM schema_migrations ORDER BY version");
  await client.end();
  return rows.map((r) => r.version);
}

describe("migrations", () => {
  it("apply every migration once to an empty database and then report nothing to do", async () => {
    const url = await emptyDb();
    const all = await readMigrations();
    const first = await migrate(url);
    expect(first.applied).toHaveLength(all.length);
    expect(first.version).toBe(all.at(-1)!.version);
    const second = await migrate(url);
    expect(second.applied).toEqual([]);
    expect(await appliedVersions(url)).toEqual(all.map((m) => m.version));
  });

  it("let two instances starting at the same moment apply each migration exactly once", async () => {
    const url = await emptyDb();
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const appliedCounts = results.map((r) => r.applied.length).sort();
    const total = (await readMigrations()).length;
    expect(appliedCounts).toEqual([0, 0, total]);
    expect(await appliedVersions(url)).toHaveLength(total);
  });

  it("refuse to run when an already applied migration file was edited", async () => {
    const url = await emptyDb();
    const dir = await mkdtemp(path.join(os.tmpdir(), "kanal-migrations-"));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await migrate(url, dir);
    const first = (await readMigrations(dir))[0]!;
    await writeFile(path.join(dir, `${first.version}_${first.name}`, "migration.sql"), `${first.sql}\n-- edited\n`);
    await expect(migrate(url, dir)).rejects.toThrow(/was changed after it was applied/);
  });

  it("roll back a failing migration completely and name it", async () => {
    const url = await emptyDb();
    const dir = await mkdtemp(path.join(os.tmpdir(), "kanal-migrations-"));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    const broken = path.join(dir, "29991231000000_broken");
    await (await import("node:fs/promises")).mkdir(broken);
    await writeFile(path.join(broken, "migration.sql"), "CREATE TABLE half_done (id int); SELECT no_such_function();");
    await expect(migrate(url, dir)).rejects.toThrow(/29991231000000_broken failed/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rowCount } = await client.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
    await client.end();
    expect(rowCount).toBe(0);
  });
});
