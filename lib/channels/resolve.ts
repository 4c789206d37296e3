import { CONNECTORS } from "@/lib/platforms";
import { PlatformError } from "@/lib/platforms/errors";
import { lookUpFacebookPage } from "@/lib/platforms/facebook/resolve";
import type { SocialPlatform } from "@/lib/platforms/types";
import type { ChannelAddress } from "./parseAddress";
import { apiRoot, baseUrlFor, type Target } from "./target";

/** An account found on its platform, as the admin confirms it. */
export type ResolvedChannel = {
  platform: SocialPlatform;
  handle: string;
  platformId: string;
  displayName: string;
  /** Current audience, where the platform publishes it (Flickr does not). */
  followers: number | null;
  baseUrl: string | null;
};

export type ResolveProblem = "not_found" | "no_app_credentials" | "unreachable" | "rate_limited";

/**
 * Looks the account up through its connector (the same call collection makes), against the real
 * platform or the sandbox. Never throws for what the platform answers.
 */
export async function resolveChannel(
  address: ChannelAddress,
  opts: { target: Target; token: string | null; timeoutMs: number },
): Promise<{ ok: true; channel: ResolvedChannel } | { ok: false; problem: ResolveProblem; detail?: string }> {
  const baseUrl = baseUrlFor(address, opts.target);
  const ctx = {
    baseUrl: apiRoot(address.platform, baseUrl),
    handle: address.handle,
    platformId: address.platformId,
    token: opts.token,
    timeoutMs: opts.timeoutMs,
  };
  try {
    const m =
      address.platform === "facebook"
        ? await lookUpFacebookPage(ctx)
        : await CONNECTORS[address.platform].fetchAccountMetrics(ctx);
    return {
      ok: true,
      channel: {
        platform: address.platform,
        handle: address.handle,
        platformId: m.platformId,
        displayName: m.displayName?.trim() || address.handle,
        followers: m.followers,
        baseUrl,
      },
    };
  } catch (error) {
    if (!(error instanceof PlatformError))
      return { ok: false, problem: "unreachable", detail: (error as Error).message };
    const problem: ResolveProblem =
      error.kind === "not_found"
        ? "not_found"
        : error.kind === "auth"
          ? "no_app_credentials"
          : error.kind === "rate_limited" || error.kind === "quota"
            ? "rate_limited"
            : "unreachable";
    return { ok: false, problem, detail: error.message };
  }
}
