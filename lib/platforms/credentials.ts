import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { decryptSecret, encryptSecret } from "@/lib/crypto";

/** What an account's stored secret holds. */
export const SecretSchema = z.object({ token: z.string().min(1), refreshToken: z.string().min(1).optional() });
export type Secret = z.infer<typeof SecretSchema>;

/**
 * Encrypts and stores an account's credentials, and points the account at the real platform
 * (clearing any sandbox override) and back to active: reconnecting keeps all history.
 * Without CREDENTIALS_KEY it throws, saying so; nothing is stored in the clear.
 */
export async function saveCredentials(
  db: Db,
  accountId: string,
  secret: Secret,
  keyHex: string | undefined,
  opts: { baseUrl?: string | null } = {},
): Promise<void> {
  const parsed = SecretSchema.parse(secret);
  const ciphertext = new Uint8Array(encryptSecret(JSON.stringify(parsed), keyHex));
  const account = await db.account.findUniqueOrThrow({
    where: { id: accountId },
    select: { agencyId: true, credentialId: true },
  });
  await db.$transaction(async (tx) => {
    const credentialId = account.credentialId
      ? (await tx.credential.update({ where: { id: account.credentialId }, data: { ciphertext } })).id
      : (await tx.credential.create({ data: { agencyId: account.agencyId, ciphertext } })).id;
    await tx.account.update({
      where: { id: accountId },
      data: { credentialId, status: "active", baseUrl: opts.baseUrl ?? null, nextCollectAt: null },
    });
  });
}

export async function loadCredentials(db: Db, credentialId: string, keyHex: string | undefined): Promise<Secret> {
  const row = await db.credential.findUniqueOrThrow({ where: { id: credentialId } });
  return SecretSchema.parse(JSON.parse(decryptSecret(row.ciphertext, keyHex)));
}
