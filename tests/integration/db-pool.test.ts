import { describe, expect, it } from "vitest";
import { createDb, db } from "@/lib/db/client";
import { pool, poolFor, poolOf } from "@/lib/db/pool";
import { setConfig } from "../helpers/config";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();

describe("one database pool per process and database", () => {
  it("is shared by the Prisma client, exports and bulk writes, with the engine's work_mem", async () => {
    setConfig({ DATABASE_URL: t.url });
    expect(db()).toBe(t.db);
    expect(createDb(t.url)).toBe(t.db);
    expect(pool()).toBe(poolOf(t.db));
    expect(poolFor(t.url)).toBe(pool());
    const [viaPrisma] = await t.db.$queryRaw<{ work_mem: string }[]>`SHOW work_mem`;
    const viaPool = (await pool().query<{ work_mem: string }>("SHOW work_mem")).rows[0];
    expect(viaPrisma!.work_mem).toBe("32MB");
    expect(viaPool!.work_mem).toBe("32MB");
    // Prisma's queries ran on the pool's connections: no second pool opened any.
    expect(pool().totalCount).toBeGreaterThan(0);
    const [row] = await t.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`;
    expect(row!.n).toBe(pool().totalCount);
  });

  it("gives a client made for another address a pool of its own", async () => {
    const other = createDb(`${t.url}?application_name=kanal-other`);
    expect(other).not.toBe(t.db);
    expect(poolOf(other)).not.toBe(poolOf(t.db));
    expect(await other.agency.count()).toBe(await t.db.agency.count());
    await other.$disconnect();
  });

  it("closes the pool with the client, and opens both again on the next use", async () => {
    const url = `${t.url}?application_name=kanal-reopen`;
    const first = createDb(url);
    await first.agency.count();
    const closed = poolOf(first);
    await first.$disconnect();
    expect(closed.ended || closed.ending).toBe(true);
    const again = createDb(url);
    expect(again).not.toBe(first);
    expect(poolOf(again)).not.toBe(closed);
    expect(await again.agency.count()).toBeGreaterThanOrEqual(0);
    await again.$disconnect();
  });
});
