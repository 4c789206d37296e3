import type { InputKind, TriageState } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/permissions/access";
import { InputNotFoundError, InvalidMoveError, StaleUpdateError } from "./errors";

export type TriageDecision = { state: Extract<TriageState, "input" | "dismissed">; kind?: InputKind | null };

/**
 * A person marks a reply as an input (with its kind) or dismisses it. `expectedVersion` is the
 * version the person saw (0 when the reply had no decision yet); a stale one changes nothing.
 */
export async function triageReply(
  db: Db,
  agencyId: string,
  replyId: string,
  decision: TriageDecision,
  expectedVersion: number,
  actor: Actor,
  at: Date = new Date(),
): Promise<{ version: number }> {
  const reply = await db.reply.findFirst({ where: { id: replyId, agencyId }, select: { id: true } });
  if (!reply) throw new InputNotFoundError();
  if (decision.state === "dismissed") {
    const links = await db.inputLink.count({ where: { agencyId, replyId } });
    if (links > 0)
      throw new InvalidMoveError(
        "Svaret er koblet til politikkarbeid og kan ikke avvises. Avslå koblingen i stedet.",
        "linked_cannot_dismiss",
      );
  }
  const data = {
    state: decision.state,
    kind: decision.state === "input" ? (decision.kind ?? "suggestion") : null,
    decidedById: actor.userId,
    decidedBy: actor.label,
    decidedAt: at,
  };
  if (expectedVersion === 0) {
    const existing = await db.replyTriage.findUnique({ where: { agencyId_replyId: { agencyId, replyId } } });
    // A keyword suggestion is not a person's decision: confirming it is the first decision.
    if (existing?.state === "suggested") return updateAt(db, agencyId, replyId, existing.version, data);
    if (existing) throw new StaleUpdateError({ status: existing.state, version: existing.version });
    const inserted = await db.replyTriage.createMany({ data: [{ agencyId, replyId, ...data }], skipDuplicates: true });
    if (inserted.count === 0) return staleNow(db, agencyId, replyId);
    return { version: 1 };
  }
  return updateAt(db, agencyId, replyId, expectedVersion, data);
}

async function updateAt(
  db: Db,
  agencyId: string,
  replyId: string,
  version: number,
  data: object,
): Promise<{ version: number }> {
  const res = await db.replyTriage.updateMany({
    where: { agencyId, replyId, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (res.count === 0) return staleNow(db, agencyId, replyId);
  return { version: version + 1 };
}

async function staleNow(db: Db, agencyId: string, replyId: string): Promise<never> {
  const now = await db.replyTriage.findUnique({ where: { agencyId_replyId: { agencyId, replyId } } });
  throw new StaleUpdateError({ status: now?.state, version: now?.version ?? 0 });
}
