/** Raised when the thing asked for does not exist or belongs to another agency: answered as 404. */
export class InputNotFoundError extends Error {
  constructor(what = "Fant ikke innspillet") {
    super(what);
  }
}

/** Raised when a change is not allowed (a skipped step, a decline without a reason). */
export class InvalidMoveError extends Error {}

/** Raised when someone else changed the same row since the form was loaded. Nothing is written. */
export class StaleUpdateError extends Error {
  constructor(public readonly current: { status?: string; version: number }) {
    super(
      "Noen andre har endret dette i mellomtiden, så endringen din ble ikke lagret. " +
        "Siden viser nå den nyeste versjonen; det du skrev er tatt vare på i skjemaet – se over og prøv igjen.",
    );
  }
}
