import { z } from "zod";

const hexKey = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, "expected 64 hexadecimal characters (a 256-bit key)");

const onOff = z.enum(["on", "off"]);

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
  PSEUDONYMISATION_KEY: hexKey.optional(),
  CREDENTIALS_KEY: hexKey.optional(),
  SCHEDULER: onOff.default("on"),
  DEMO_DATA: onOff.default("on"),
});

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {}

/** Parses the environment; a bad value throws one line naming the variable and what was expected. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const got = env[name];
    return `${name}: ${issue.message}${got === undefined ? "" : ` (got "${got}")`}`;
  });
  throw new ConfigError(`Invalid configuration — ${lines.join("; ")}`);
}
