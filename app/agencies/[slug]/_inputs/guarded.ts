import { notFound } from "next/navigation";
import { z } from "zod";
import { InputNotFoundError, InvalidMoveError, StaleUpdateError } from "@/lib/inputs/errors";
import { findVisibleAgency, hasRole, type Role, type VisibleAgency } from "@/lib/permissions/access";
import type { ActionState } from "./actionState";

export class NotAllowedError extends Error {}

export const SlugSchema = z.string().min(1).max(200).regex(/^[a-z0-9-]+$/);

/** The agency of a request that wants to change something: 404 when not visible, refused without the role. */
export async function agencyWithRole(slug: string, role: Role): Promise<VisibleAgency> {
  const agency = await findVisibleAgency(SlugSchema.parse(slug));
  if (!agency) notFound();
  if (!hasRole(agency, role)) throw new NotAllowedError(role === "admin" ? "Bare administratorer kan gjøre dette." : "Du har ikke tilgang til å endre innspill for denne virksomheten.");
  return agency;
}

/** Runs a server action and turns the errors a person can act on into a message; others propagate. */
export async function guarded(run: () => Promise<string>, onStale?: () => void): Promise<ActionState> {
  try {
    return { ok: true, message: await run() };
  } catch (error) {
    if (error instanceof StaleUpdateError) {
      onStale?.();
      return { ok: false, message: error.message };
    }
    if (error instanceof InvalidMoveError || error instanceof InputNotFoundError || error instanceof NotAllowedError) return { ok: false, message: error.message };
    if (error instanceof z.ZodError) return { ok: false, message: `Skjemaet er ikke gyldig: ${error.issues.map((i) => `${i.path.join(".") || "felt"}: ${i.message}`).join("; ")}` };
    throw error;
  }
}
