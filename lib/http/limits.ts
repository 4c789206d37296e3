/** The largest campaign CSV a person may upload (documented in the README): a campaign list, not a data dump. */
export const MAX_CSV_BYTES = 1_000_000;

/**
 * The largest body of a form post or server action: the CSV plus room for the multipart envelope and
 * the other fields. proxy.ts answers 413 with the product's message above it, and next.config.js sets
 * serverActions.bodySizeLimit to the same number (tests/unit/limits.test.ts keeps them equal), so a
 * body the proxy lets through never hits Next's own limit.
 */
export const MAX_FORM_BYTES = MAX_CSV_BYTES + 64 * 1024;
