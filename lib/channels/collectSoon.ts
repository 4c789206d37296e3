/**
 * Starts a channel's collection now rather than at the next scheduler tick. The start script
 * registers the queue here; without one (a web-only instance) the next tick picks the channel up.
 */
type Starter = (accountId: string) => Promise<unknown>;
const holder = globalThis as unknown as { __collectSoon?: Starter };

export function registerCollectionStarter(starter: Starter): void {
  holder.__collectSoon = starter;
}

export async function collectSoon(accountId: string): Promise<boolean> {
  if (!holder.__collectSoon) return false;
  try {
    await holder.__collectSoon(accountId);
    return true;
  } catch (error) {
    console.error("[channels] could not queue the first collection:", (error as Error).message);
    return false;
  }
}
