import { verifyPassword } from "better-auth/crypto";
import { checkPassword, type PasswordProblem } from "@/lib/auth/password";
import { checkThrottle, clearThrottle, recordFailure, throttleKeys } from "@/lib/auth/throttle";
import { setLocalPassword } from "@/lib/auth/users";
import type { Db } from "@/lib/db/client";

export type ChangeResult =
  | { ok: true; endedSessions: number }
  | {
      ok: false;
      field: "current" | "password" | "repeat";
      reason: "no_local_password" | "current_wrong" | "mismatch" | PasswordProblem;
    }
  | { ok: false; field: "current"; reason: "throttled"; retryAfterSeconds: number };

/**
 * A person changes their own password: the current one must be right, the new one must pass the
 * policy, and every other session of theirs ends (a stolen session does not survive the change).
 * Wrong current passwords count like failed sign-ins of the account, so a stolen session cannot be
 * used to guess the password either.
 */
export async function changeOwnPassword(
  db: Db,
  input: {
    userId: string;
    email: string;
    current: string;
    password: string;
    repeat: string;
    keepSessionId: string | null;
  },
): Promise<ChangeResult> {
  const identity = await db.authIdentity.findFirst({
    where: { userId: input.userId, providerId: "credential" },
    select: { password: true },
  });
  if (!identity?.password) return { ok: false, field: "current", reason: "no_local_password" };
  const keys = throttleKeys({ email: input.email });
  const throttle = await checkThrottle(db, keys);
  if (throttle.blocked)
    return { ok: false, field: "current", reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };
  if (!(await verifyPassword({ hash: identity.password, password: input.current }))) {
    await recordFailure(db, keys);
    return { ok: false, field: "current", reason: "current_wrong" };
  }
  await clearThrottle(db, keys);
  const problem = await checkPassword(input.password, [input.email]);
  if (problem) return { ok: false, field: "password", reason: problem };
  if (input.password !== input.repeat) return { ok: false, field: "repeat", reason: "mismatch" };
  await setLocalPassword(db, input.userId, input.password);
  const ended = await db.authSession.deleteMany({
    where: { userId: input.userId, ...(input.keepSessionId ? { id: { not: input.keepSessionId } } : {}) },
  });
  return { ok: true, endedSessions: ended.count };
}
