import type { LinkStatus } from "@/lib/generated/prisma/client";

/** The steps an input takes towards policy work, in order. `declined` leaves the path at any open step. */
export const LINK_PATH: readonly LinkStatus[] = [
  "received",
  "under_review",
  "forwarded",
  "incorporated",
  "implemented",
];
export const LINK_STATUSES: readonly LinkStatus[] = [...LINK_PATH, "declined"];

/** Statuses that count as the agency's decision on the input (for "time from reply to decision"). */
export const DECISION_STATUSES: readonly LinkStatus[] = ["incorporated", "declined"];
/** Statuses that mean the input reached the policy work. */
export const REACHED_STATUSES: readonly LinkStatus[] = ["incorporated", "implemented"];

const OPEN_FOR_DECLINE: readonly LinkStatus[] = ["received", "under_review", "forwarded"];

/** The moves allowed from a status: the next step on the path, or declining while still open. No skipping. */
export function allowedMoves(from: LinkStatus): LinkStatus[] {
  const i = LINK_PATH.indexOf(from);
  const next = i >= 0 && i < LINK_PATH.length - 1 ? [LINK_PATH[i + 1]!] : [];
  return OPEN_FOR_DECLINE.includes(from) ? [...next, "declined"] : next;
}

export function canMove(from: LinkStatus, to: LinkStatus): boolean {
  return allowedMoves(from).includes(to);
}

/** The path from `from` to `to` step by step (for loading history), or null when `to` is not ahead. */
export function stepsTo(from: LinkStatus, to: LinkStatus): LinkStatus[] | null {
  if (to === "declined") return canMove(from, "declined") ? ["declined"] : null;
  const a = LINK_PATH.indexOf(from);
  const b = LINK_PATH.indexOf(to);
  if (a < 0 || b <= a) return null;
  return LINK_PATH.slice(a + 1, b + 1) as LinkStatus[];
}
