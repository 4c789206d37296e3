import type { Db } from "@/lib/db/client";
import type { RunOutcome } from "@/lib/generated/prisma/client";

/** Opens a collection run record; finish it with finishRun whatever happens. */
export async function startRun(db: Db, input: { agencyId: string; accountId: string; kind: string }) {
  return db.collectionRun.create({ data: input, select: { id: true } });
}

export async function finishRun(
  db: Db,
  runId: string,
  result: {
    outcome: Exclude<RunOutcome, "running">;
    itemsFetched: number;
    itemsWritten: number;
    error?: string | null;
  },
) {
  await db.collectionRun.update({ where: { id: runId }, data: { ...result, finishedAt: new Date() } });
}
