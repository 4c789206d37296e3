import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export type PasswordProblem = "too_short" | "too_long" | "too_common";

// zxcvbn-ts ships its lists (common passwords, names, keyboard patterns) inside the npm package: no download at run time.
const zxcvbn = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

/**
 * The one password policy, applied wherever a password is set: at least 12 characters, and not a
 * common password or an easily guessed pattern (repeats, sequences, keyboard walks, the person's own
 * e-mail) — zxcvbn's score 3 of 4, "safely unguessable" for an online attack with throttling.
 */
export async function checkPassword(password: string, personal: string[] = []): Promise<PasswordProblem | null> {
  if (password.length < PASSWORD_MIN) return "too_short";
  if (password.length > PASSWORD_MAX) return "too_long";
  const inputs = personal.flatMap((p) => [p, ...p.split(/[@.\s_-]+/)]).filter((p) => p.length >= 3);
  const result = await zxcvbn.check(password, inputs);
  return result.score < 3 ? "too_common" : null;
}
