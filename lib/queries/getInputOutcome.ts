import { Prisma, type Platform } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { Day } from "@/lib/time";
import { listAgencyAccounts } from "./listAgencyAccounts";
import { localRange } from "@/lib/time";

export type OutcomeFigures = {
  /** Replies collected in the period. */
  replies: number;
  /** Replies a person marked as inputs. */
  inputs: number;
  linked: number;
  /** Inputs with at least one link taken beyond "received" (including declined ones). */
  reviewed: number;
  forwarded: number;
  /** Inputs taken into the policy work (incorporated or implemented). */
  reached: number;
  implemented: number;
  declined: number;
  /** Median days from the reply to the agency's decision (incorporated or declined); null when none decided. */
  medianDaysToDecision: number | null;
};

export type InputOutcome = {
  total: OutcomeFigures;
  channels: ({ accountId: string; platform: Platform; handle: string } & OutcomeFigures)[];
};

type Row = {
  account_id: string | null;
  replies: bigint;
  inputs: bigint;
  linked: bigint;
  reviewed: bigint;
  forwarded: bigint;
  reached: bigint;
  implemented: bigint;
  declined: bigint;
  median_days: number | null;
};

/**
 * The funnel from replies to policy work for one agency over local days `from`..`to` (by the
 * reply's time), overall and per channel. An input counts at the furthest stage any of its links reached.
 */
export async function getInputOutcome(
  db: Db,
  p: { agencyId: string; timeZone: string; from: Day; to: Day; accountId?: string | null },
): Promise<InputOutcome> {
  const { start, end } = localRange(p.from, p.to, p.timeZone);
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    WITH per_reply AS (
      SELECT r.id, r.account_id, r.published_at, t.state = 'input' AS is_input,
             COALESCE(max(CASE l.status WHEN 'received' THEN 1 WHEN 'under_review' THEN 2 WHEN 'forwarded' THEN 3
                                        WHEN 'incorporated' THEN 4 WHEN 'implemented' THEN 5 ELSE 0 END), -1) AS stage,
             bool_or(l.status = 'declined') AS any_declined,
             count(l.id) AS links,
             min(l.decided_at) AS decided_at
      FROM reply r
      LEFT JOIN reply_triage t ON t.agency_id = r.agency_id AND t.reply_id = r.id
      LEFT JOIN input_link l ON l.agency_id = r.agency_id AND l.reply_id = r.id
      WHERE r.agency_id = ${p.agencyId}::uuid
        AND r.published_at >= ${start.toISOString()}::timestamptz AND r.published_at < ${end.toISOString()}::timestamptz
        AND (${p.accountId ?? null}::uuid IS NULL OR r.account_id = ${p.accountId ?? null}::uuid)
      GROUP BY r.id, r.account_id, r.published_at, t.state
    )
    SELECT account_id,
           count(*) AS replies,
           count(*) FILTER (WHERE is_input) AS inputs,
           count(*) FILTER (WHERE is_input AND links > 0) AS linked,
           count(*) FILTER (WHERE is_input AND (stage >= 2 OR any_declined)) AS reviewed,
           count(*) FILTER (WHERE is_input AND stage >= 3) AS forwarded,
           count(*) FILTER (WHERE is_input AND stage >= 4) AS reached,
           count(*) FILTER (WHERE is_input AND stage >= 5) AS implemented,
           count(*) FILTER (WHERE is_input AND any_declined AND stage < 4) AS declined,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - published_at) / 86400)
             FILTER (WHERE is_input AND decided_at IS NOT NULL) AS median_days
    FROM per_reply
    GROUP BY GROUPING SETS ((account_id), ())`);
  const accounts = await listAgencyAccounts(db, p.agencyId);
  const figures = (r: Row | undefined): OutcomeFigures => ({
    replies: Number(r?.replies ?? 0),
    inputs: Number(r?.inputs ?? 0),
    linked: Number(r?.linked ?? 0),
    reviewed: Number(r?.reviewed ?? 0),
    forwarded: Number(r?.forwarded ?? 0),
    reached: Number(r?.reached ?? 0),
    implemented: Number(r?.implemented ?? 0),
    declined: Number(r?.declined ?? 0),
    medianDaysToDecision: r?.median_days === null || r?.median_days === undefined ? null : Number(r.median_days),
  });
  return {
    total: figures(rows.find((r) => r.account_id === null)),
    channels: accounts
      .filter((a) => !p.accountId || a.id === p.accountId)
      .map((a) => ({
        accountId: a.id,
        platform: a.platform,
        handle: a.handle,
        ...figures(rows.find((r) => r.account_id === a.id)),
      })),
  };
}
