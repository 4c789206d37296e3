import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareShapes, shapeFromDatabase, shapeFromPrismaSchema } from "../helpers/schemaDrift";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();

describe("the migrated database and schema.prisma", () => {
  it("declare the same tables, columns, types, nullability and indexes", async () => {
    const diffs = compareShapes(await shapeFromPrismaSchema(), await shapeFromDatabase(t.url));
    expect(diffs).toEqual([]);
  });

  it("are reported as different when schema.prisma gains a column the SQL lacks", async () => {
    const edited = readFileSync("prisma/schema.prisma", "utf8").replace(
      "  slug      String   @unique\n",
      "  slug      String   @unique\n  website   String?\n",
    );
    const diffs = compareShapes(await shapeFromPrismaSchema(edited), await shapeFromDatabase(t.url));
    expect(diffs).toEqual(["column agency.website is in schema.prisma (text null) but not in the database"]);
  });

  it("are reported as different when the database changes nullability behind schema.prisma's back", async () => {
    await t.db.$executeRawUnsafe("ALTER TABLE post ALTER COLUMN permalink SET NOT NULL");
    try {
      const diffs = compareShapes(await shapeFromPrismaSchema(), await shapeFromDatabase(t.url));
      expect(diffs).toEqual(["column post.permalink: schema.prisma says text null, the database has text not null"]);
    } finally {
      await t.db.$executeRawUnsafe("ALTER TABLE post ALTER COLUMN permalink DROP NOT NULL");
    }
  });
});
