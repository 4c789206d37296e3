import type { InputKind, LinkStatus, Platform, TriageState, WorkItemStatus } from "@/lib/generated/prisma/client";
import type { UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";

/** Names of platforms and of the inputs' states in one language (namespace "labels" of messages/<locale>.json). */
export function platformLabel(platform: Platform, locale: UiLocale): string {
  return translator(locale, "labels")(`platform_${platform}`);
}

export function linkStatusLabel(status: LinkStatus, locale: UiLocale): string {
  return translator(locale, "labels")(`linkStatus_${status}`);
}

export function inputKindLabel(kind: InputKind, locale: UiLocale): string {
  return translator(locale, "labels")(`inputKind_${kind}`);
}

export function triageLabel(state: "new" | TriageState, locale: UiLocale): string {
  return translator(locale, "labels")(`triage_${state}`);
}

export function workItemStatusLabel(status: WorkItemStatus, locale: UiLocale): string {
  return translator(locale, "labels")(`workItemStatus_${status}`);
}
