import type { BetterAuthPlugin } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { z } from "zod";

/**
 * Lets the SSO callback (app/api/sso/callback) start an ordinary better-auth session for a person it
 * has identified, with better-auth's own session row and cookie, so the rest of the product sees no
 * difference. Server-only: never routed over HTTP.
 */
export const ssoSessionPlugin = () =>
  ({
    id: "kanal-sso-session",
    endpoints: {
      startSsoSession: createAuthEndpoint.serverOnly(
        { method: "POST", body: z.object({ userId: z.string().min(1) }) },
        async (ctx) => {
          const user = await ctx.context.internalAdapter.findUserById(ctx.body.userId);
          if (!user) throw new Error("no such user");
          const session = await ctx.context.internalAdapter.createSession(user.id);
          await setSessionCookie(ctx, { session, user });
          return ctx.json({ ok: true });
        },
      ),
    },
  }) satisfies BetterAuthPlugin;
