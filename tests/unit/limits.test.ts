import { describe, expect, it } from "vitest";
import { MAX_CSV_BYTES, MAX_FORM_BYTES } from "@/lib/http/limits";

describe("upload limits", () => {
  it("Next's server-action body limit equals the limit the proxy enforces with the product's message", async () => {
    const file = "../../next.config.js"; // plain JavaScript, read as Next.js reads it
    const nextConfig: unknown = (await import(file)).default;
    expect(
      (nextConfig as { experimental: { serverActions: { bodySizeLimit: number } } }).experimental.serverActions
        .bodySizeLimit,
    ).toBe(MAX_FORM_BYTES);
    expect(MAX_FORM_BYTES).toBeGreaterThan(MAX_CSV_BYTES);
  });
});
