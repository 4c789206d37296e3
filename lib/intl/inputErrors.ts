import type { UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";
import { InputNotFoundError, InvalidMoveError, StaleUpdateError } from "@/lib/inputs/errors";
import { LINK_STATUSES } from "@/lib/inputs/statusMachine";
import type { LinkStatus } from "@/lib/generated/prisma/client";

const isLinkStatus = (s: string): s is LinkStatus => (LINK_STATUSES as readonly string[]).includes(s);

/**
 * What a person reads when lib/inputs refuses a change: the message of the error's code (namespace "actions")
 * in the page's language. The thrown message stays bokmål, for the logs only. Null for any other error.
 */
export function inputErrorMessage(error: unknown, locale: UiLocale): string | null {
  const a = translator(locale, "actions");
  if (error instanceof StaleUpdateError) return a("stale");
  if (error instanceof InputNotFoundError) return a("notFound");
  if (!(error instanceof InvalidMoveError)) return null;
  if (error.code !== "skipped_step") return a(error.code);
  const t = translator(locale, "inputs");
  const label = (s: string) => (isLinkStatus(s) ? t(`linkStatus.${s}`) : s);
  return a("skipped_step", { from: label(error.detail?.from ?? ""), to: label(error.detail?.to ?? "") });
}
