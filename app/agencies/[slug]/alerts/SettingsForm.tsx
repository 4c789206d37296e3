"use client";

import { startTransition, useActionState } from "react";
import type { SettingsState } from "./actions";

export type SettingsFormProps = {
  action: (prev: SettingsState, form: FormData) => Promise<SettingsState>;
  kind: string;
  lang: string;
  legend: string;
  rule: string;
  enabled: boolean;
  enabledLabel: string;
  save: string;
  fields: { name: string; label: string; value: number; min: number; max: number; step: string }[];
};

/**
 * One kind's switch and thresholds. :TRICKY: submits through onSubmit (not `<form action>`) so React
 * does not reset the fields: after an error the admin sees what they typed, with the wrong field named.
 */
export function SettingsForm(props: SettingsFormProps) {
  const [state, run, pending] = useActionState(props.action, null);
  const id = (name: string) => `${props.kind}-${name}`;
  return (
    <form
      className="alert-settings"
      data-kind={props.kind}
      aria-busy={pending}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => run(data));
      }}
    >
      <fieldset>
        <legend>{props.legend}</legend>
        <p className="meta">{props.rule}</p>
        <input type="hidden" name="kind" value={props.kind} />
        <input type="hidden" name="lang" value={props.lang} />
        <p>
          <input type="checkbox" id={id("enabled")} name="enabled" defaultChecked={props.enabled} />{" "}
          <label htmlFor={id("enabled")}>{props.enabledLabel}</label>
        </p>
        {props.fields.map((f) => {
          const error = state?.errors[f.name];
          return (
            <p key={f.name}>
              <label htmlFor={id(f.name)}>{f.label}</label>
              <br />
              <input
                id={id(f.name)}
                name={f.name}
                type="number"
                inputMode="decimal"
                defaultValue={f.value}
                min={f.min}
                max={f.max}
                step={f.step}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? id(`${f.name}-error`) : undefined}
              />
              {error && (
                <span id={id(`${f.name}-error`)} className="error">
                  {" "}
                  {error}
                </span>
              )}
            </p>
          );
        })}
        <button type="submit">{props.save}</button>
        <p
          className={state ? (state.ok ? "form-ok" : "form-error") : "visually-hidden"}
          role={state && !state.ok ? "alert" : "status"}
        >
          {state?.message ?? ""}
        </p>
      </fieldset>
    </form>
  );
}
