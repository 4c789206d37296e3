"use client";

import { useState } from "react";

const MESSAGES = {
  invalid: "Feil e-postadresse eller passord.",
  limited: "For mange mislykkede innlogginger. Vent litt og prøv igjen.",
  failed: "Innloggingen mislyktes. Prøv igjen om litt.",
};

export function LoginForm(props: { next: string; sso: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
        ? (((await res.json().catch(() => null)) as { message?: string } | null)?.message ?? MESSAGES.limited)
        : null;
    setError(limited ?? (res && res.status < 500 ? MESSAGES.invalid : MESSAGES.failed));
  }

  return (
    <>
      <form action={signIn} className="stack" aria-describedby={error ? "login-error" : undefined}>
        <label htmlFor="email">E-postadresse</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="password">Passord</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={busy}>
          {busy ? "Logger inn …" : "Logg inn"}
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
