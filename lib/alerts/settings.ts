import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { AlertKind } from "@/lib/generated/prisma/client";

export type { AlertKind };
export const ALERT_KINDS = ["reply_spike", "follower_drop", "collection_failing", "token_expiring"] as const satisfies readonly AlertKind[];
export const AlertKindSchema = z.enum(ALERT_KINDS);

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);

/**
 * The threshold parameters of each kind, with their defaults (what an agency gets until an admin
 * changes them). The rules that use them are in lib/alerts/rules.ts.
 */
export const PARAM_SCHEMAS = {
  // An hour's replies must reach `minReplies` and exceed median + sensitivity × spread of the same
  // hour of the week over the previous `baselineWeeks` weeks, of which at least `minHistoryWeeks` collected.
  reply_spike: z.object({
    minReplies: int(1, 100_000).default(10),
    sensitivity: num(1, 20).default(4),
    baselineWeeks: int(2, 26).default(8),
    minHistoryWeeks: int(2, 26).default(4),
  }),
  // A day's loss must reach `minDrop` followers and `minPercent` % of the day before, and lie far
  // below the channel's usual day-over-day change of the previous four weeks.
  follower_drop: z.object({
    minDrop: int(1, 10_000_000).default(20),
    minPercent: num(0, 100).default(0.5),
    sensitivity: num(1, 20).default(4),
  }),
  // `failedRuns` failed or partial collections in a row, or no successful one for `hoursWithoutSuccess`.
  collection_failing: z.object({
    failedRuns: int(1, 100).default(3),
    hoursWithoutSuccess: int(1, 24 * 90).default(24),
  }),
  // A token that expires within `daysBeforeExpiry` days, or a channel that already needs reconnecting.
  token_expiring: z.object({
    daysBeforeExpiry: int(1, 90).default(7),
  }),
} as const;

export type AlertParams = { [K in AlertKind]: z.infer<(typeof PARAM_SCHEMAS)[K]> };
export type AlertSettings = { [K in AlertKind]: { enabled: boolean; params: AlertParams[K] } };

export function defaultParams<K extends AlertKind>(kind: K): AlertParams[K] {
  return PARAM_SCHEMAS[kind].parse({}) as AlertParams[K];
}

/** An agency's settings for every kind; a stored value that no longer validates falls back to the default. */
export async function getAlertSettings(db: Db, agencyId: string): Promise<AlertSettings> {
  const rows = await db.alertSetting.findMany({ where: { agencyId } });
  const settings = {} as Record<AlertKind, { enabled: boolean; params: unknown }>;
  for (const kind of ALERT_KINDS) {
    const row = rows.find((r) => r.kind === kind);
    const parsed = PARAM_SCHEMAS[kind].safeParse(row?.params ?? {});
    settings[kind] = { enabled: row?.enabled ?? true, params: parsed.success ? parsed.data : defaultParams(kind) };
  }
  return settings as AlertSettings;
}

export async function saveAlertSetting<K extends AlertKind>(db: Db, agencyId: string, kind: K, enabled: boolean, params: AlertParams[K]): Promise<void> {
  await db.alertSetting.upsert({
    where: { agencyId_kind: { agencyId, kind } },
    create: { agencyId, kind, enabled, params },
    update: { enabled, params, updatedAt: new Date() },
  });
}
