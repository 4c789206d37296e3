"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { redactSecrets } from "@/lib/config";
import { db } from "@/lib/db/client";
import { formArg, slugArg } from "@/lib/http/actionArgs";
import { currentActor, hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { saveCredentials } from "@/lib/platforms/credentials";
import { runtimeConfig } from "@/lib/config";

const FormSchema = z.object({
  accountId: z.uuid(),
  token: z.string().trim().min(8).max(4000),
  refreshToken: z.union([z.literal(""), z.string().trim().min(8).max(4000)]).optional(),
});

/** Stores a channel's platform token, encrypted; the channel then collects from the real platform. */
export async function saveChannelCredentials(slug: unknown, form: unknown) {
  const agency = await requireVisibleAgency(slugArg(slug));
  if (!hasRole(agency, "admin")) notFound();
  const lang = z
    .enum(["nb", "sv", "en"])
    .optional()
    .catch(undefined)
    .parse(formArg(form).get("lang") || undefined);
  const back = (msg: string) =>
    redirect(`/agencies/${agency.slug}/connections/credentials?msg=${msg}${lang ? `&lang=${lang}` : ""}`);
  const parsed = FormSchema.safeParse(Object.fromEntries(formArg(form)));
  if (!parsed.success) back("invalid");
  const { accountId, token, refreshToken } = parsed.data!;
  // Only this agency's channels: another agency's account id is "not found".
  const account = await db().account.findFirst({
    where: { id: accountId, agencyId: agency.id },
    select: { id: true, handle: true, platform: true },
  });
  if (!account) notFound();
  try {
    await saveCredentials(
      db(),
      account.id,
      { token, ...(refreshToken ? { refreshToken } : {}) },
      runtimeConfig().CREDENTIALS_KEY,
    );
  } catch (error) {
    console.error("[credentials] not saved:", redactSecrets((error as Error).message));
    back("not_saved");
  }
  await recordAudit(db(), {
    action: "credential_saved",
    agencyId: agency.id,
    actorUserId: (await currentActor()).userId,
    target: `${account.platform}:${account.handle}`,
    ip: (await headers()).get("x-forwarded-for"),
  });
  back("saved");
}
