import { z } from "zod";
import { DEFAULT_CHROMIUM_PATH } from "@/lib/chromium";
import { PLATFORM_APP_ENV, platformAppProblems } from "@/lib/platforms/appEnv";
import { RateLimitsSchema } from "@/lib/platforms/budget";

export const HexKeySchema = z.string().regex(/^[0-9a-fA-F]{64}$/, "expected 64 hexadecimal characters (a 256-bit key)");

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
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "expected the http(s) address users open, e.g. https://kanal.example.no" })
    .optional(),
  TRUST_PROXY: onOff.default("off"),
  OIDC_ISSUER: z
    .url({
      protocol: /^https?$/,
      error: `expected the issuer URL of the agency's OpenID Connect provider (and ${REDIRECT_HINT})`,
    })
    .refine(
      (u) => u.startsWith("https://") || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u),
      "expected an https:// issuer (plain http only on this machine, for tests)",
    )
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The claim (in the ID token or from userinfo) that lists the person's groups. */
  OIDC_GROUPS_CLAIM: z
    .string()
    .regex(
      /^[A-Za-z0-9_.:/-]{1,200}$/,
      "expected a claim name such as groups, roles or https://example.no/claims/groups",
    )
    .default("groups"),
  DEMO_ADMIN_PASSWORD: z.string().min(12, "expected at least 12 characters").optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: onOff.default("off").describe("on = TLS from the first byte (port 465); off = STARTTLS when offered"),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).default("Kanalmåling <rapport@kanalmaaling.invalid>"),
  MAIL_CATCHER_PORT: z.coerce.number().int().min(1024).max(65535).default(2525),
  CHROMIUM_PATH: z.string().min(1).default(DEFAULT_CHROMIUM_PATH),
  SCHEDULER: onOff.default("on"),
  /** Unset: on for the embedded database, off with DATABASE_URL (see withDemoDefault). */
  DEMO_DATA: onOff.optional(),
  /** The fake platform server that demo accounts collect from. */
  SANDBOX: onOff.default("on"),
  /** 0 = any free port. */
  SANDBOX_PORT: z.coerce
    .number()
    .int()
    .refine((n) => n === 0 || (n >= 1024 && n <= 65535), "expected 0 (any free port) or a port from 1024 to 65535")
    .default(3999),
  /** Collection workers in this instance (any number of instances may run them). */
  WORKERS: onOff.default("on"),
  COLLECT_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(240),
  SANDBOX_COLLECT_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(2),
  BACKFILL_DAYS: z.coerce.number().int().min(1).max(730).default(90),
  PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  ...PLATFORM_APP_ENV,
  /** Call limits of this installation's keys where the platform's answers carry none, e.g. `youtube=100/100s,flickr=3600/1h`. */
  PLATFORM_RATE_LIMITS: RateLimitsSchema.optional(),
});

export type Config = Omit<z.infer<typeof EnvSchema>, "DEMO_DATA"> & { DEMO_DATA: "on" | "off" };

/**
 * Demo data belongs to the embedded default: with an external DATABASE_URL it loads only when asked
 * for (DEMO_DATA=on), so a real installation never starts with demo agencies and a demo admin.
 */
function withDemoDefault(env: z.infer<typeof EnvSchema>): Config {
  return { ...env, DEMO_DATA: env.DEMO_DATA ?? (env.DATABASE_URL ? "off" : "on") };
}

// :TRICKY: Next.js bundles route handlers separately from the start script, so a module-level value
// would exist once per bundle; globalThis holds the one configuration of the process
// (runtimeConfig below).
const holder = globalThis as unknown as { __kanalConfig?: Readonly<RuntimeConfig> };

/** Settings whose values are never repeated in an error or a log line. */
const SECRET_SETTINGS = new Set([
  "PSEUDONYMISATION_KEY",
  "CREDENTIALS_KEY",
  "AUTH_SECRET",
  "SMTP_PASSWORD",
  "OIDC_CLIENT_SECRET",
  "DEMO_ADMIN_PASSWORD",
  "SMTP_USER",
]);

const isSecretSetting = (name: string) => SECRET_SETTINGS.has(name) || /SECRET|PASSWORD|KEY|TOKEN/i.test(name);

/**
 * Text with the secrets of every URL in it replaced by *** (user:password@, and query parameters such
 * as password=, access_token=, client_secret=, key=), also where a URL does not parse; and bearer tokens.
 */
export function maskUrlPassword(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@?#\s]*):[^@/?#\s]*@/gi, "$1:***@")
    .replace(/([?&;](?:[a-z_]*password|[a-z_]*token|[a-z_]*secret|[a-z_]*key|sig|signature)=)[^&#\s"']*/gi, "$1***")
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, "$1 ***");
}

/**
 * Text safe for a log line or an error: secret settings' values and URL passwords replaced by ***.
 * Without `env`: the secrets of this process's configuration (keys read from DATA_DIR/keys.json too)
 * and of its environment.
 */
export function redactSecrets(text: string, env?: Record<string, unknown>): string {
  let out = text;
  const sources = env ? [env] : [holder.__kanalConfig ?? {}, process.env];
  for (const source of sources)
    for (const [name, value] of Object.entries(source)) {
      if (typeof value === "string" && value.length >= 6 && isSecretSetting(name)) out = out.split(value).join("***");
    }
  return maskUrlPassword(out);
}

/** How a setting's value may appear in an error: secrets not at all, URLs without their password. */
function shownValue(name: string, value: string): string {
  if (isSecretSetting(name)) return " (value not shown)";
  return ` (got "${maskUrlPassword(value).slice(0, 200)}")`;
}

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
      throw new ConfigError(
        `Invalid configuration — ${missing.join(", ")}: single sign-on needs all of ${OIDC_VARS.join(", ")}; ${REDIRECT_HINT}`,
      );
    }
    const problems = platformAppProblems(parsed.data);
    if (problems.length) throw new ConfigError(`Invalid configuration — ${problems.join("; ")}`);
    return withDemoDefault(parsed.data);
  }
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const got = env[name];
    return `${name}: ${issue.message}${got === undefined ? "" : shownValue(name, got)}`;
  });
  throw new ConfigError(`Invalid configuration — ${lines.join("; ")}`);
}

/**
 * The configuration of this process: the environment's settings, completed by `npm start` with what it
 * derives — the embedded database's URL, the keys from DATA_DIR/keys.json, the sandbox it runs.
 */
export type RuntimeConfig = Config & {
  /** The fake platform server this instance runs (`npm start` with SANDBOX=on); pages offer it for new channels. */
  SANDBOX_URL?: string;
};

/** Makes `config` the configuration every part of this process reads (scripts/start.ts, once, before serving). */
export function publishConfig(config: RuntimeConfig): Readonly<RuntimeConfig> {
  holder.__kanalConfig = Object.freeze({ ...config });
  return holder.__kanalConfig;
}

/**
 * The one way code reads its configuration. Under `npm start` the start script has published it;
 * elsewhere (tests, scripts, benchmarks) it is loaded from the environment on first use.
 */
export function runtimeConfig(): Readonly<RuntimeConfig> {
  return holder.__kanalConfig ?? publishConfig(loadConfig());
}
