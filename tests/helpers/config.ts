import { loadConfig, publishConfig, type RuntimeConfig } from "@/lib/config";

/**
 * This process's configuration for the code under test, published as `npm start` publishes it: the
 * environment's settings with `settings` over them (undefined unsets one), plus what start-up derives.
 */
export function setConfig(
  settings: Record<string, string | undefined>,
  derived: Pick<RuntimeConfig, "SANDBOX_URL"> = {},
): RuntimeConfig {
  return publishConfig({ ...loadConfig({ ...process.env, ...settings }), ...derived });
}
