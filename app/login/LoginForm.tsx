"use client";

import { useState } from "react";

/** The texts of the sign-in form, translated on the server (client components do not load the message files). */
export type LoginTexts = {
  email: string;
  password: string;
  submit: string;
  busy: string;
  invalid: string;
  limited: string;
  failed: string;
};

export function LoginForm(props: { next: string; sso: string | null; texts: LoginTexts }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = props.texts;

  async function signIn(form: FormData) {
    setBusy(true);
    setError(null);
    const res = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") }),
    }).catch(() => null);
    setBusy(false);
    if (res?.ok) {
      window.location.assign(props.next);
      return;
    }
    // One message for unknown e-mail and wrong password alike; a throttled sign-in says how long to wait.
    const limited =
      res?.status === 429
        ? (((await res.json().catch(() => null)) as { message?: string } | null)?.message ?? t.limited)
        : null;
    setError(limited ?? (res && res.status < 500 ? t.invalid : t.failed));
  }

  return (
    <>
      <form action={signIn} className="stack" aria-describedby={error ? "login-error" : undefined}>
        <label htmlFor="email">{t.email}</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="password">{t.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={busy}>
          {busy ? t.busy : t.submit}
        </button>
      </form>
      <p id="login-error" role="alert" className="error">
        {error}
      </p>
      {props.sso && (
        <p>
          <a className="button-link" href={`/api/sso/start?next=${encodeURIComponent(props.next)}`}>
            {props.sso}
          </a>
        </p>
      )}
    </>
  );
}
