import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { AlertKind } from "@/lib/generated/prisma/client";

export type { AlertKind };
export const ALERT_KINDS = [
  "reply_spike",
  "follower_drop",
  "collection_failing",
  "token_expiring",
] as const satisfies readonly AlertKind[];
export const AlertKindSchema = z.enum(ALERT_KINDS);

/** One threshold: its range, whether it is a whole number, and its default. */
type Limit = { min: number; max: number; int: boolean; default: number };
const L = (min: number, max: number, def: number, isInt = true): Limit => ({ min, max, int: isInt, default: def });

/**
 * The threshold parameters of each kind, with their defaults (what an agency gets until an admin
 * changes them). The rules that use them are in lib/alerts/rules.ts.
 */
export const PARAM_LIMITS = {
  // An hour's replies must reach `minReplies` and exceed median + sensitivity × spread of the same
  // hour of the week over the previous `baselineWeeks` weeks, of which at least `minHistoryWeeks` collected.
  reply_spike: {
    minReplies: L(1, 100_000, 10),
    sensitivity: L(1, 20, 4, false),
    baselineWeeks: L(2, 26, 8),
    minHistoryWeeks: L(2, 26, 4),
  },
  // A day's loss must reach `minDrop` followers and `minPercent` % of the day before, and lie far
  // below the channel's usual day-over-day change of the previous four weeks.
  follower_drop: { minDrop: L(1, 10_000_000, 20), minPercent: L(0, 100, 0.5, false), sensitivity: L(1, 20, 4, false) },
  // `failedRuns` failed or partial collections in a row, or no successful one for `hoursWithoutSuccess`.
  collection_failing: { failedRuns: L(1, 100, 3), hoursWithoutSuccess: L(1, 24 * 90, 24) },
  // A token that expires within `daysBeforeExpiry` days, or a channel that already needs reconnecting.
  token_expiring: { daysBeforeExpiry: L(1, 90, 7) },
} as const satisfies Record<AlertKind, Record<string, Limit>>;

type Shape<T extends Record<string, Limit>> = z.ZodObject<{ [P in keyof T]: z.ZodDefault<z.ZodCoercedNumber> }>;
function schemaOf<T extends Record<string, Limit>>(limits: T): Shape<T> {
  const shape = Object.fromEntries(
    Object.entries(limits).map(([name, l]) => {
      const n = z.coerce.number().min(l.min).max(l.max);
      return [name, (l.int ? n.int() : n).default(l.default)];
    }),
  );
  return z.object(shape) as unknown as Shape<T>;
}

export const PARAM_SCHEMAS = {
  reply_spike: schemaOf(PARAM_LIMITS.reply_spike),
  follower_drop: schemaOf(PARAM_LIMITS.follower_drop),
  collection_failing: schemaOf(PARAM_LIMITS.collection_failing),
  token_expiring: schemaOf(PARAM_LIMITS.token_expiring),
};

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

export async function saveAlertSetting<K extends AlertKind>(
  db: Db,
  agencyId: string,
  kind: K,
  enabled: boolean,
  params: AlertParams[K],
): Promise<void> {
  await db.alertSetting.upsert({
    where: { agencyId_kind: { agencyId, kind } },
    create: { agencyId, kind, enabled, params },
    update: { enabled, params, updatedAt: new Date() },
  });
}
