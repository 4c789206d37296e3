import { z } from "zod";
import { runtimeConfig } from "@/lib/config";

const Key = z.string().regex(/^[0-9a-fA-F]{64}$/, "PSEUDONYMISATION_KEY must be 64 hexadecimal characters");

/** The pseudonymisation key the start script resolved (environment or DATA_DIR/keys.json). */
export function resolveKeysFromEnv(): { pseudonymisationKey: string } {
  return { pseudonymisationKey: Key.parse(runtimeConfig().PSEUDONYMISATION_KEY) };
}
