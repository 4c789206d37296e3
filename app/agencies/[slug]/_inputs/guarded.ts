import { translator } from "@/lib/intl";
import { notFound } from "next/navigation";
import { z } from "zod";
import { issuesText } from "@/lib/intl/zodIssues";
import type { UiLocale } from "@/lib/format";
import { formArg } from "@/lib/http/actionArgs";
import { StaleUpdateError } from "@/lib/inputs/errors";
import { inputErrorMessage } from "@/lib/intl/inputErrors";
import { findVisibleAgency, hasRole, type Role, type VisibleAgency } from "@/lib/permissions/access";
import type { ActionState } from "./actionState";
import { FormLangSchema } from "./lang";

export class NotAllowedError extends Error {
  constructor(public readonly role: Role) {
    super(`needs ${role}`);
  }
}

export const SlugSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9-]+$/);

/** The language a form was sent in (the form adds it; bokmål otherwise). */
export function formLang(form: unknown): UiLocale {
  return FormLangSchema.parse(formArg(form).get("lang") ?? undefined);
}

/** The agency of a request that wants to change something: 404 when not visible, refused without the role. */
export async function agencyWithRole(slug: string, role: Role): Promise<VisibleAgency> {
  const agency = await findVisibleAgency(SlugSchema.parse(slug));
  if (!agency) notFound();
  if (!hasRole(agency, role)) throw new NotAllowedError(role);
  return agency;
}

/** Runs a server action and turns the errors a person can act on into a message in their language; others propagate. */
export async function guarded(lang: UiLocale, run: () => Promise<string>, onStale?: () => void): Promise<ActionState> {
  const a = translator(lang, "actions");
  try {
    return { ok: true, message: await run() };
  } catch (error) {
    const message = inputErrorMessage(error, lang);
    if (message !== null) {
      if (error instanceof StaleUpdateError) onStale?.();
      return { ok: false, message };
    }
    if (error instanceof NotAllowedError)
      return { ok: false, message: error.role === "admin" ? a("notAdmin") : a("notEditor") };
    if (error instanceof z.ZodError)
      return { ok: false, message: a("invalidForm", { details: issuesText(error, lang) }) };
    throw error;
  }
}
