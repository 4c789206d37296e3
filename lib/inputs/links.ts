import { linkStatusLabel } from "@/lib/intl/labels";
import type { LinkStatus } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/permissions/access";
import { InputNotFoundError, InvalidMoveError, StaleUpdateError } from "./errors";
import { canMove, DECISION_STATUSES } from "./statusMachine";

/** Links an input to a work item (status `received`) and records the first step of its trail. */
export async function linkInput(
  db: Db,
  agencyId: string,
  params: { replyId: string; workItemId: string; note?: string | null },
  actor: Actor,
  at: Date = new Date(),
): Promise<{ linkId: string; created: boolean }> {
  const [triage, item] = await Promise.all([
    db.replyTriage.findFirst({ where: { agencyId, replyId: params.replyId }, select: { state: true } }),
    db.workItem.findFirst({ where: { agencyId, id: params.workItemId }, select: { id: true } }),
  ]);
  const reply = await db.reply.findFirst({ where: { agencyId, id: params.replyId }, select: { id: true } });
  if (!reply) throw new InputNotFoundError();
  if (!item) throw new InputNotFoundError("Fant ikke arbeidet");
  if (triage?.state !== "input")
    throw new InvalidMoveError("Marker svaret som innspill før det kobles til arbeid.", "not_input");
  return db.$transaction(async (tx) => {
    const made = await tx.inputLink.createManyAndReturn({
      data: [{ agencyId, replyId: params.replyId, workItemId: params.workItemId, createdAt: at, updatedAt: at }],
      skipDuplicates: true,
      select: { id: true },
    });
    if (made.length === 0) {
      const existing = await tx.inputLink.findFirstOrThrow({
        where: { agencyId, replyId: params.replyId, workItemId: params.workItemId },
      });
      return { linkId: existing.id, created: false };
    }
    await tx.inputMove.create({
      data: {
        agencyId,
        linkId: made[0]!.id,
        workItemId: params.workItemId,
        fromStatus: null,
        toStatus: "received",
        note: params.note ?? null,
        actorId: actor.userId,
        actorLabel: actor.label,
        at,
      },
    });
    return { linkId: made[0]!.id, created: true };
  });
}

export type MoveRequest = {
  linkId: string;
  to: LinkStatus;
  note?: string | null;
  reason?: string | null;
  expectedVersion: number;
};

/**
 * Moves a link one step along the status flow (or declines it, with a reason) and appends the move
 * to the trail, in one transaction. A stale `expectedVersion` writes nothing and raises StaleUpdateError.
 */
export async function moveLink(
  db: Db,
  agencyId: string,
  req: MoveRequest,
  actor: Actor,
  at: Date = new Date(),
): Promise<{ version: number }> {
  return db.$transaction(async (tx) => {
    const link = await tx.inputLink.findFirst({ where: { id: req.linkId, agencyId } });
    if (!link) throw new InputNotFoundError();
    if (link.version !== req.expectedVersion)
      throw new StaleUpdateError({ status: link.status, version: link.version });
    if (!canMove(link.status, req.to)) {
      throw new InvalidMoveError(
        `Kan ikke flytte fra «${linkStatusLabel(link.status, "nb")}» til «${linkStatusLabel(req.to, "nb")}»: stegene må tas i rekkefølge.`,
        "skipped_step",
        { from: link.status, to: req.to },
      );
    }
    const reason = req.reason?.trim() || null;
    if (req.to === "declined" && !reason)
      throw new InvalidMoveError("Oppgi en begrunnelse når innspillet avslås.", "reason_required");
    // :TRICKY: the version check sits in the UPDATE itself, so of two concurrent moves from the same
    // version exactly one matches a row; the other sees count 0 and is told, never silently lost.
    const res = await tx.inputLink.updateMany({
      where: { id: link.id, agencyId, version: req.expectedVersion },
      data: {
        status: req.to,
        version: { increment: 1 },
        updatedAt: at,
        declineReason: req.to === "declined" ? reason : link.declineReason,
        decidedAt: link.decidedAt ?? (DECISION_STATUSES.includes(req.to) ? at : null),
      },
    });
    if (res.count === 0) {
      const now = await tx.inputLink.findFirst({ where: { id: link.id, agencyId } });
      throw new StaleUpdateError({ status: now?.status, version: now?.version ?? 0 });
    }
    await tx.inputMove.create({
      data: {
        agencyId,
        linkId: link.id,
        workItemId: link.workItemId,
        fromStatus: link.status,
        toStatus: req.to,
        note: [req.note?.trim(), req.to === "declined" ? reason : null].filter(Boolean).join(" — ") || null,
        actorId: actor.userId,
        actorLabel: actor.label,
        at,
      },
    });
    return { version: req.expectedVersion + 1 };
  });
}
