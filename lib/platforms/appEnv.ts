import { z } from "zod";

/**
 * The installation's own app credentials on each platform (all optional; a pair is all or none).
 * Without them the product can still collect public data where the platform allows it, and the
 * sandbox brings its own apps.
 */
export const PLATFORM_APP_ENV = {
  X_CLIENT_ID: z.string().min(1).optional(),
  X_CLIENT_SECRET: z.string().min(1).optional(),
  /** App-only bearer token: looks up public X accounts when a channel is added. */
  X_BEARER_TOKEN: z.string().min(20, "expected an X app-only bearer token").optional(),
  FACEBOOK_APP_ID: z
    .string()
    .regex(/^\d{5,20}$/, "expected the numeric Facebook app id")
    .optional(),
  FACEBOOK_APP_SECRET: z
    .string()
    .regex(/^[0-9a-f]{32}$/, "expected the 32-character Facebook app secret")
    .optional(),
  GOOGLE_CLIENT_ID: z
    .string()
    .regex(/\.apps\.googleusercontent\.com$/, "expected a Google OAuth client id (….apps.googleusercontent.com)")
    .optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  YOUTUBE_API_KEY: z.string().min(20, "expected a Google API key").optional(),
  FLICKR_API_KEY: z
    .string()
    .regex(/^[0-9a-f]{32}$/, "expected the 32-character Flickr API key")
    .optional(),
};

export const PLATFORM_APP_PAIRS = [
  ["X_CLIENT_ID", "X_CLIENT_SECRET"],
  ["FACEBOOK_APP_ID", "FACEBOOK_APP_SECRET"],
  ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
] as const;

export type PlatformAppEnv = { [K in keyof typeof PLATFORM_APP_ENV]?: string };

/** "X_CLIENT_SECRET: X sign-in needs both X_CLIENT_ID and X_CLIENT_SECRET", for each half-set pair. */
export function platformAppProblems(env: PlatformAppEnv): string[] {
  return PLATFORM_APP_PAIRS.filter(([a, b]) => !env[a] !== !env[b]).map(
    ([a, b]) => `${env[a] ? b : a}: needs both ${a} and ${b}`,
  );
}
