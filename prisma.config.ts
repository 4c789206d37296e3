import { defineConfig } from "prisma/config";

// Only `prisma generate` is used (see docs/architecture.md): migrations are plain SQL applied by
// lib/db/migrate.ts, because Prisma's migration engine is a native download.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
