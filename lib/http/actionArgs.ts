import { notFound } from "next/navigation";
import { z } from "zod";

/**
 * Server actions can be called by anyone with any arguments (the browser only suggests them). These
 * read an action's arguments without ever throwing, so a malformed call gets the product's answer
 * (a 404 or the form's own validation message) instead of an HTTP 500.
 */
const SlugArg = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9-]+$/);

/** The agency slug a bound action was called with; anything else answers 404, like an unknown agency. */
export function slugArg(value: unknown): string {
  const parsed = SlugArg.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

/** The form an action was called with; anything else is read as an empty form, which the action's own validation refuses. */
export function formArg(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

/** The text fields of a form (files left out), for a zod schema. */
export function formFields(value: unknown): Record<string, string> {
  return Object.fromEntries(
    [...formArg(value).entries()].filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}
