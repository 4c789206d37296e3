/**
 * Set when `npm start` is stopping. Ctrl-C signals embedded PostgreSQL too, so connections drop
 * while the product shuts down: those errors are expected then and are not reported as failures.
 */
const holder = globalThis as unknown as { __shuttingDown?: boolean };

export function beginShutdown(): void {
  holder.__shuttingDown = true;
}

export function shuttingDown(): boolean {
  return holder.__shuttingDown === true;
}
