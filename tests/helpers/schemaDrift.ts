import { readFileSync } from "node:fs";
import prismaInternals from "@prisma/internals";
import pg from "pg";

/** Tables the product owns outside schema.prisma (bookkeeping of the migration runner). */
const UNMODELLED_TABLES = new Set(["schema_migrations"]);

type Shape = {
  columns: Map<string, string>; // "table.column" -> "type null|not null"
  indexes: Set<string>; // "table unique|index (col, col)"
};

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, unknown[]] | null;
  relationName?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[]; primaryKey: { fields: string[] } | null };
type DmmfIndex = { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] };

const SCALAR_TO_PG: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Boolean: "bool",
  Float: "float8",
  Decimal: "numeric",
  Json: "jsonb",
  Bytes: "bytea",
  DateTime: "timestamp",
};
const NATIVE_TO_PG: Record<string, string> = {
  Uuid: "uuid",
  Date: "date",
  Timestamptz: "timestamptz",
  Timestamp: "timestamp",
  Text: "text",
  Integer: "int4",
  SmallInt: "int2",
  BigInt: "int8",
  JsonB: "jsonb",
};

/** What schema.prisma declares, in database terms. */
export async function shapeFromPrismaSchema(schemaText = readFileSync("prisma/schema.prisma", "utf8")): Promise<Shape> {
  const dmmf = await prismaInternals.getDMMF({ datamodel: schemaText });
  const models = dmmf.datamodel.models as unknown as DmmfModel[];
  const indexes = (dmmf.datamodel as unknown as { indexes: DmmfIndex[] }).indexes;
  const shape: Shape = { columns: new Map(), indexes: new Set() };
  const tableOf = new Map<string, { table: string; columnOf: Map<string, string> }>();
  for (const model of models) {
    const table = model.dbName ?? model.name;
    const columnOf = new Map<string, string>();
    for (const f of model.fields) {
      if (f.kind !== "scalar" && f.kind !== "enum") continue;
      const column = f.dbName ?? f.name;
      columnOf.set(f.name, column);
      let type =
        f.kind === "enum"
          ? f.type
          : ((f.nativeType ? NATIVE_TO_PG[f.nativeType[0]] : undefined) ?? SCALAR_TO_PG[f.type] ?? f.type);
      if (f.isList) type = `_${type}`;
      shape.columns.set(`${table}.${column}`, `${type} ${f.isRequired ? "not null" : "null"}`);
    }
    tableOf.set(model.name, { table, columnOf });
  }
  for (const idx of indexes) {
    const t = tableOf.get(idx.model)!;
    const kind = idx.type === "normal" ? "index" : "unique";
    shape.indexes.add(`${t.table} ${kind} (${idx.fields.map((f) => t.columnOf.get(f.name) ?? f.name).join(", ")})`);
  }
  return shape;
}

/** What the migrated database has, in the same terms. */
export async function shapeFromDatabase(url: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const shape: Shape = { columns: new Map(), indexes: new Set() };
    const cols = await client.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
      `SELECT c.table_name, c.column_name, c.udt_name, c.is_nullable FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
    );
    for (const c of cols.rows) {
      if (UNMODELLED_TABLES.has(c.table_name)) continue;
      shape.columns.set(
        `${c.table_name}.${c.column_name}`,
        `${c.udt_name} ${c.is_nullable === "YES" ? "null" : "not null"}`,
      );
    }
    const idx = await client.query<{ table_name: string; is_unique: boolean; columns: string[] }>(
      `SELECT t.relname AS table_name, ix.indisunique AS is_unique,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
       CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       GROUP BY ix.indexrelid, t.relname, ix.indisunique`,
    );
    for (const i of idx.rows) {
      if (UNMODELLED_TABLES.has(i.table_name)) continue;
      shape.indexes.add(`${i.table_name} ${i.is_unique ? "unique" : "index"} (${i.columns.join(", ")})`);
    }
    return shape;
  } finally {
    await client.end();
  }
}

/** Every difference between the two, as readable lines; empty when they agree. */
export function compareShapes(declared: Shape, actual: Shape): string[] {
  const diffs: string[] = [];
  for (const [col, def] of declared.columns) {
    const got = actual.columns.get(col);
    if (got === undefined) diffs.push(`column ${col} is in schema.prisma (${def}) but not in the database`);
    else if (got !== def) diffs.push(`column ${col}: schema.prisma says ${def}, the database has ${got}`);
  }
  for (const [col, def] of actual.columns) {
    if (!declared.columns.has(col)) diffs.push(`column ${col} (${def}) is in the database but not in schema.prisma`);
  }
  for (const i of declared.indexes)
    if (!actual.indexes.has(i)) diffs.push(`${i} is in schema.prisma but not in the database`);
  for (const i of actual.indexes)
    if (!declared.indexes.has(i)) diffs.push(`${i} is in the database but not in schema.prisma`);
  return diffs.sort();
}
