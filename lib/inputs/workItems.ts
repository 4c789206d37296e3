import type { WorkItemStatus } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { InputNotFoundError, InvalidMoveError, StaleUpdateError } from "./errors";

export type WorkItemFields = {
  title: string;
  owner?: string | null;
  caseNumber?: string | null;
  status?: WorkItemStatus;
};

/** Creates a work item, or returns the existing one of the same title (idempotent, for the demo too). */
export async function ensureWorkItem(
  db: Db,
  agencyId: string,
  fields: WorkItemFields,
): Promise<{ id: string; created: boolean }> {
  const title = fields.title.trim();
  if (!title) throw new InvalidMoveError("Arbeidet må ha et navn.", "no_name");
  const existing = await db.workItem.findUnique({
    where: { agencyId_title: { agencyId, title } },
    select: { id: true },
  });
  if (existing) return { id: existing.id, created: false };
  const row = await db.workItem.create({
    data: {
      agencyId,
      title,
      owner: fields.owner ?? null,
      caseNumber: fields.caseNumber ?? null,
      status: fields.status ?? "active",
    },
  });
  return { id: row.id, created: true };
}

/** Changes owner, case number or status of a work item, guarded by the version the person saw. */
export async function updateWorkItem(
  db: Db,
  agencyId: string,
  id: string,
  fields: Omit<WorkItemFields, "title">,
  expectedVersion: number,
): Promise<{ version: number }> {
  const res = await db.workItem.updateMany({
    where: { id, agencyId, version: expectedVersion },
    data: {
      owner: fields.owner,
      caseNumber: fields.caseNumber,
      status: fields.status,
      updatedAt: new Date(),
      version: { increment: 1 },
    },
  });
  if (res.count === 1) return { version: expectedVersion + 1 };
  const now = await db.workItem.findFirst({ where: { id, agencyId } });
  if (!now) throw new InputNotFoundError("Fant ikke arbeidet");
  throw new StaleUpdateError({ status: now.status, version: now.version });
}
