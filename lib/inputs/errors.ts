/** Raised when the thing asked for does not exist or belongs to another agency: answered as 404. */
export class InputNotFoundError extends Error {
  constructor(what = "Fant ikke innspillet") {
    super(what);
  }
}

export type InvalidMoveCode =
  "not_input" | "skipped_step" | "reason_required" | "no_name" | "keyword_short" | "linked_cannot_dismiss";

/**
 * Raised when a change is not allowed (a skipped step, a decline without a reason). The message is for the
 * logs; people read the text of `code` in their language (lib/intl/inputErrors.ts).
 */
export class InvalidMoveError extends Error {
  constructor(
    message: string,
    public readonly code: InvalidMoveCode,
    public readonly detail?: { from: string; to: string },
  ) {
    super(message);
  }
}

/** Raised when someone else changed the same row since the form was loaded. Nothing is written. */
export class StaleUpdateError extends Error {
  constructor(public readonly current: { status?: string; version: number }) {
    super(
      "Noen andre har endret dette i mellomtiden, så endringen din ble ikke lagret. " +
        "Siden viser nå den nyeste versjonen; det du skrev er tatt vare på i skjemaet – se over og prøv igjen.",
    );
  }
}
