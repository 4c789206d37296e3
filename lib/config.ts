import { z } from "zod";
import { RateLimitsSchema } from "@/lib/platforms/budget";

export const HexKeySchema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, "expected 64 hexadecimal characters (a 256-bit key)");

const onOff = z.enum(["on", "off"]);

/** Where the identity provider sends the browser back after single sign-on (register it there as PUBLIC_URL + this path). */
export const SSO_CALLBACK_PATH = "/api/sso/callback";
const REDIRECT_HINT = `register the redirect URI PUBLIC_URL${SSO_CALLBACK_PATH} at the provider`;

/** Every environment variable the product reads, validated once at start-up. */
export const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// or postgresql:// connection URL")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default(".data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  PSEUDONYMISATION_KEY: HexKeySchema.optional(),
  CREDENTIALS_KEY: HexKeySchema.optional(),
  AUTH_SECRET: z.string().min(32, "expected at least 32 characters").optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "expected the http(s) address users open, e.g. https://kanal.example.no" }).optional(),
  TRUST_PROXY: onOff.default("off"),
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: `expected the issuer URL of the agency's OpenID Connect provider (and ${REDIRECT_HINT})` })
    .refine((u) => u.startsWith("https://") || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u), "expected an https:// issuer (plain http only on this machine, for tests)")
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The claim (in the ID token or from userinfo) that lists the person's groups. */
  OIDC_GROUPS_CLAIM: z.string().regex(/^[A-Za-z0-9_.:/-]{1,200}$/, "expected a claim name such as groups, roles or https://example.no/claims/groups").default("groups"),
  DEMO_ADMIN_PASSWORD: z.string().min(12, "expected at least 12 characters").optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: onOff.default("off").describe("on = TLS from the first byte (port 465); off = STARTTLS when offered"),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).default("Kanalmåling <rapport@kanalmaaling.invalid>"),
  MAIL_CATCHER_PORT: z.coerce.number().int().min(1024).max(65535).default(2525),
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  SCHEDULER: onOff.default("on"),
  DEMO_DATA: onOff.default("on"),
  /** The fake platform server that demo accounts collect from. */
  SANDBOX: onOff.default("on"),
  /** 0 = any free port. */
  SANDBOX_PORT: z.coerce.number().int().refine((n) => n === 0 || (n >= 1024 && n <= 65535), "expected 0 (any free port) or a port from 1024 to 65535").default(3999),
  /** Collection workers in this instance (any number of instances may run them). */
  WORKERS: onOff.default("on"),
  COLLECT_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(240),
  SANDBOX_COLLECT_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(2),
  BACKFILL_DAYS: z.coerce.number().int().min(1).max(730).default(90),
  PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** Call limits of this installation's keys where the platform's answers carry none, e.g. `youtube=100/100s,flickr=3600/1h`. */
  PLATFORM_RATE_LIMITS: RateLimitsSchema.optional(),
});

export type Config = z.infer<typeof EnvSchema>;

/** The address users open, without a trailing slash. */
export function publicUrl(config: Config): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");
}

/** The redirect URI sent to the identity provider; README states the same. */
export function ssoRedirectUri(config: Config): string {
  return `${publicUrl(config)}${SSO_CALLBACK_PATH}`;
}

const OIDC_VARS = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;

export class ConfigError extends Error {}

/** Parses the environment; a bad value throws one line naming the variable and what was expected. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) {
    const set = OIDC_VARS.filter((v) => parsed.data[v]);
    if (set.length > 0 && set.length < OIDC_VARS.length) {
      const missing = OIDC_VARS.filter((v) => !parsed.data[v]);
      throw new ConfigError(`Invalid configuration — ${missing.join(", ")}: single sign-on needs all of ${OIDC_VARS.join(", ")}; ${REDIRECT_HINT}`);
    }
    return parsed.data;
  }
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const got = env[name];
    return `${name}: ${issue.message}${got === undefined ? "" : ` (got "${got}")`}`;
  });
  throw new ConfigError(`Invalid configuration — ${lines.join("; ")}`);
}
