import { afterAll, afterEach, beforeAll } from "vitest";
import { resetBudgets } from "@/lib/platforms/http";
import { SOCIAL_PLATFORMS } from "@/lib/platforms/types";
import { startSandbox, type Sandbox, type SandboxOptions } from "@/lib/sandbox/server";
import { testAccount } from "@/lib/sandbox/world";

/** A fake platform server of this test file's own, on a random loopback port. */
export function useSandbox(opts: SandboxOptions = {}): { sandbox: Sandbox } {
  const handle = {} as { sandbox: Sandbox };
  beforeAll(async () => {
    handle.sandbox = await startSandbox({
      host: "127.0.0.1",
      port: 0,
      maxPageSize: 10,
      world: {
        accounts: SOCIAL_PLATFORMS.flatMap((p) => [
          testAccount(p, `etat_${p}`),
          testAccount(p, `andre_${p}`, { posts: 4 }),
        ]),
      },
      ...opts,
    });
  });
  afterEach(() => {
    handle.sandbox?.clearFaults();
    resetBudgets();
  });
  afterAll(async () => handle.sandbox?.close());
  return handle;
}
