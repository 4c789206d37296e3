import { verifyPassword } from "better-auth/crypto";
import { checkPassword, type PasswordProblem } from "@/lib/auth/password";
import { setLocalPassword } from "@/lib/auth/users";
import type { Db } from "@/lib/db/client";

export type ChangeResult = { ok: true; endedSessions: number } | { ok: false; field: "current" | "password" | "repeat"; reason: "no_local_password" | "current_wrong" | "mismatch" | PasswordProblem };

/**
 * A person changes their own password: the current one must be right, the new one must pass the
 * policy, and every other session of theirs ends (a stolen session does not survive the change).
 */
export async function changeOwnPassword(db: Db, input: { userId: string; email: string; current: string; password: string; repeat: string; keepSessionId: string | null }): Promise<ChangeResult> {
  const identity = await db.authIdentity.findFirst({ where: { userId: input.userId, providerId: "credential" }, select: { password: true } });
  if (!identity?.password) return { ok: false, field: "current", reason: "no_local_password" };
  if (!(await verifyPassword({ hash: identity.password, password: input.current }))) return { ok: false, field: "current", reason: "current_wrong" };
  const problem = await checkPassword(input.password, [input.email]);
  if (problem) return { ok: false, field: "password", reason: problem };
  if (input.password !== input.repeat) return { ok: false, field: "repeat", reason: "mismatch" };
  await setLocalPassword(db, input.userId, input.password);
  const ended = await db.authSession.deleteMany({ where: { userId: input.userId, ...(input.keepSessionId ? { id: { not: input.keepSessionId } } : {}) } });
  return { ok: true, endedSessions: ended.count };
}
