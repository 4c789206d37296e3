/** The answer of a people/installation server action: a message, and per field what was wrong and what was typed. */
export type FormState = {
  ok: boolean;
  message: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
} | null;

/** What was typed, to show again after an error (never passwords). */
export function typedValues(form: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((n) => [n, typeof form.get(n) === "string" ? String(form.get(n)).slice(0, 500) : ""]),
  );
}

/** A server action's form, or an empty one when a crafted request sent something else (never a 500). */
export function asForm(form: unknown): FormData {
  return form instanceof FormData ? form : new FormData();
}
