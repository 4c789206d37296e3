import type { Db } from "@/lib/db/client";
import { accessExpiry, BLUESKY_PDS, BlueskySessionError, createSession } from "@/lib/platforms/bluesky/session";
import { saveGrant } from "@/lib/platforms/tokens";

export type BlueskyConnect = "connected" | "bluesky_rejected" | "bluesky_wrong_account" | "oauth_failed";

/**
 * Connects a Bluesky channel with an app password: a session on the account's PDS (the sandbox's,
 * or Bluesky's entryway), whose tokens are stored encrypted and refreshed like OAuth tokens. The
 * channel then reads through its PDS, which forwards app.bsky reads to the AppView with the session.
 * The app password itself is never stored.
 */
export async function connectBluesky(
  db: Db,
  account: { id: string; handle: string; platformId: string | null; baseUrl: string | null },
  appPassword: string,
  opts: { credentialsKey: string | undefined; timeoutMs: number },
): Promise<BlueskyConnect> {
  const pds = account.baseUrl?.startsWith("http://") ? account.baseUrl : BLUESKY_PDS;
  try {
    const s = await createSession(pds, account.platformId ?? account.handle, appPassword, opts.timeoutMs);
    if (account.platformId && s.did !== account.platformId) return "bluesky_wrong_account";
    await saveGrant(
      db,
      { id: account.id, baseUrl: pds },
      {
        token: s.accessJwt,
        refreshToken: s.refreshJwt,
        accessExpiresAt: accessExpiry(s.accessJwt),
        grantExpiresAt: null,
      },
      opts.credentialsKey,
    );
    return "connected";
  } catch (error) {
    if (error instanceof BlueskySessionError && error.status === 401) return "bluesky_rejected";
    console.error(`[bluesky] sign-in not completed: ${(error as Error).message}`);
    return "oauth_failed";
  }
}
