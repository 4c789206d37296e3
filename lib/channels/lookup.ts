import { runtimeConfig } from "@/lib/config";
import { parseChannelAddress, type AddressProblem } from "./parseAddress";
import { resolveChannel, type ResolvedChannel, type ResolveProblem } from "./resolve";
import { appToken, NEEDS_APP_TOKEN, runningSandboxUrl, type Target } from "./target";
import type { SocialPlatform } from "@/lib/platforms/types";

export type LookupProblem = AddressProblem | ResolveProblem;
export type Lookup =
  | { ok: true; channel: ResolvedChannel; target: Target; token: string | null }
  | { ok: false; problem: LookupProblem; platform?: SocialPlatform };

/** "sandbox" only while this instance runs one; anything else means the real platform. */
export function targetFrom(where: string | undefined): Target {
  const sandbox = runningSandboxUrl();
  return where === "sandbox" && sandbox ? { kind: "sandbox", url: sandbox } : { kind: "real" };
}

/** From what the admin pasted to the account on its platform, or the reason why not. */
export async function lookUpChannel(input: string, where: string | undefined): Promise<Lookup> {
  const parsed = parseChannelAddress(input);
  if (!parsed.ok) return { ok: false, problem: parsed.problem, platform: parsed.platform };
  const config = runtimeConfig();
  const target = targetFrom(where);
  const token = appToken(parsed.address.platform, target, config);
  // Without the installation's key these platforms answer nothing public: say so without calling them.
  if (!token && NEEDS_APP_TOKEN.includes(parsed.address.platform))
    return { ok: false, problem: "no_app_credentials", platform: parsed.address.platform };
  const r = await resolveChannel(parsed.address, { target, token, timeoutMs: config.PLATFORM_TIMEOUT_MS });
  if (!r.ok) {
    if (r.detail) console.warn(`[channels] lookup of a ${parsed.address.platform} address failed: ${r.problem}`);
    return { ok: false, problem: r.problem, platform: parsed.address.platform };
  }
  return { ok: true, channel: r.channel, target, token };
}
