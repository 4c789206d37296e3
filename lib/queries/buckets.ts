import { Prisma } from "@/lib/generated/prisma/client";
import { z } from "zod";

/** Time buckets a chart may ask for. The SQL for each is fixed here, never taken from input. */
export const BucketSchema = z.enum(["day", "week", "month"]);
export type Bucket = z.infer<typeof BucketSchema>;

export const BUCKET_SQL: Record<Bucket, { unit: Prisma.Sql; step: Prisma.Sql }> = {
  day: { unit: Prisma.raw("'day'"), step: Prisma.raw("interval '1 day'") },
  week: { unit: Prisma.raw("'week'"), step: Prisma.raw("interval '1 week'") }, // ISO weeks start on Monday
  month: { unit: Prisma.raw("'month'"), step: Prisma.raw("interval '1 month'") },
};
