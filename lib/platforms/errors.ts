/** Why a platform call failed, in the terms the job layer acts on. */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly kind: "rate_limited" | "auth" | "quota" | "transient" | "malformed" | "not_found",
    /** When the platform will accept calls again (rate limit or quota reset). */
    readonly resetAt: Date | null = null,
  ) {
    super(message);
    this.name = "PlatformError";
  }
}

export const rateLimited = (platform: string, resetAt: Date) =>
  new PlatformError(`${platform}: rate limit reached, resets at ${resetAt.toISOString()}`, "rate_limited", resetAt);
export const authExpired = (platform: string, detail: string) =>
  new PlatformError(`${platform}: token expired or revoked (${detail}); reconnect the account`, "auth");
export const quotaExceeded = (platform: string, resetAt: Date) =>
  new PlatformError(`${platform}: quota exceeded until ${resetAt.toISOString()}`, "quota", resetAt);
export const transient = (platform: string, detail: string) => new PlatformError(`${platform}: ${detail}`, "transient");
export const malformed = (platform: string, detail: string) =>
  new PlatformError(`${platform}: malformed response (${detail})`, "malformed");
export const notFound = (platform: string, detail: string) => new PlatformError(`${platform}: ${detail}`, "not_found");
