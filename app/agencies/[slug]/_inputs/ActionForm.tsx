"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import type { ActionState } from "./actionState";

/**
 * A form that runs a server action and shows its answer next to it. :TRICKY: it submits through
 * onSubmit instead of `<form action>`, because React resets a form after an action and a person
 * whose change lost a race must keep what they wrote; it is cleared only after a success.
 */
export function ActionForm(props: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  children: React.ReactNode;
  className?: string;
  label?: string;
  testId?: string;
  /** The page's language, sent along so the answer comes in it. */
  lang?: string;
}) {
  const [state, run, pending] = useActionState(props.action, null);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) ref.current?.reset();
  }, [state]);
  return (
    <form
      ref={ref}
      className={props.className}
      aria-label={props.label}
      data-testid={props.testId}
      aria-busy={pending}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
        if (props.lang) data.set("lang", props.lang);
        startTransition(() => run(data));
      }}
    >
      {props.children}
      <p
        className={state ? (state.ok ? "form-ok" : "form-error") : "visually-hidden"}
        role={state && !state.ok ? "alert" : "status"}
      >
        {state?.message ?? ""}
      </p>
    </form>
  );
}
