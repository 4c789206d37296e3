"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/people/formState";

export type FieldSpec = {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "select" | "number";
  options?: { value: string; label: string }[];
  defaultValue?: string;
  autoComplete?: string;
  hint?: string;
  required?: boolean;
};

/**
 * A form for a server action that answers with a FormState: each error sits under its field and is
 * tied to it (aria-describedby, aria-invalid); what was typed comes back after an error.
 */
export function StatefulForm(props: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  fields: FieldSpec[];
  submit: string;
  id: string;
  hidden?: Record<string, string>;
  className?: string;
  /** The form's accessible name, when a page has several. */
  label?: string;
}) {
  const [state, run, pending] = useActionState(props.action, null);
  const value = (f: FieldSpec) => (f.type === "password" ? undefined : (state?.values?.[f.name] ?? f.defaultValue));
  return (
    <form
      action={run}
      className={props.className ?? "stack narrow-form"}
      aria-busy={pending}
      aria-label={props.label}
      noValidate
    >
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {props.fields.map((f) => {
        const id = `${props.id}-${f.name}`;
        const error = state?.errors?.[f.name];
        const describedBy =
          [f.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
        const common = {
          id,
          name: f.name,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": describedBy,
          required: f.required,
        };
        return (
          <div key={f.name + (state ? JSON.stringify(state.values ?? {}) : "")} className="stack">
            <label htmlFor={id}>{f.label}</label>
            {f.hint && (
              <span id={`${id}-hint`} className="meta">
                {f.hint}
              </span>
            )}
            {f.type === "select" ? (
              <select {...common} defaultValue={value(f)}>
                {f.options!.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input {...common} type={f.type ?? "text"} defaultValue={value(f)} autoComplete={f.autoComplete} />
            )}
            {error && (
              <span id={`${id}-error`} className="error">
                {error}
              </span>
            )}
          </div>
        );
      })}
      <button type="submit" disabled={pending}>
        {props.submit}
      </button>
      <p
        className={state ? (state.ok ? "form-ok" : "error") : "visually-hidden"}
        role={state && !state.ok ? "alert" : "status"}
      >
        {state?.message ?? ""}
      </p>
    </form>
  );
}
