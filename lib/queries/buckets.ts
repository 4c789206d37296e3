import { Prisma } from "@/lib/generated/prisma/client";
import { z } from "zod";
import { addDays, weekStart, type Day } from "@/lib/time";

/** Time buckets a chart may ask for. The SQL for each is fixed here, never taken from input. */
export const BucketSchema = z.enum(["day", "week", "month"]);
export type Bucket = z.infer<typeof BucketSchema>;

export const BUCKET_SQL: Record<Bucket, { unit: Prisma.Sql; step: Prisma.Sql }> = {
  day: { unit: Prisma.raw("'day'"), step: Prisma.raw("interval '1 day'") },
  week: { unit: Prisma.raw("'week'"), step: Prisma.raw("interval '1 week'") }, // ISO weeks start on Monday
  month: { unit: Prisma.raw("'month'"), step: Prisma.raw("interval '1 month'") },
};

/** The first day of every bucket that touches [from, to], in order (the same calendar as BUCKET_SQL). */
export function bucketStarts(from: Day, to: Day, bucket: Bucket): Day[] {
  const out: Day[] = [];
  let cursor = bucketStart(from, bucket);
  while (cursor <= to) {
    out.push(cursor);
    cursor = nextBucket(cursor, bucket);
  }
  return out;
}

export function bucketStart(day: Day, bucket: Bucket): Day {
  if (bucket === "week") return weekStart(day);
  if (bucket === "month") return `${day.slice(0, 7)}-01`;
  return day;
}

function nextBucket(start: Day, bucket: Bucket): Day {
  if (bucket === "day") return addDays(start, 1);
  if (bucket === "week") return addDays(start, 7);
  const [y, m] = start.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}
