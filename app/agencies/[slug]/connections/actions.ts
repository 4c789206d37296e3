"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { collectSoon } from "@/lib/channels/collectSoon";
import { lookUpChannel } from "@/lib/channels/lookup";
import { addChannel, pauseChannel, removeChannel, resumeChannel } from "@/lib/channels/manage";
import { needsSignInFirst } from "@/lib/channels/signIn";
import { connectBluesky } from "@/lib/channels/blueskySignIn";
import { APP_PASSWORD } from "@/lib/platforms/bluesky/session";
import { runtimeConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { formFields, slugArg } from "@/lib/http/actionArgs";
import { currentActor, hasRole, requireVisibleAgency } from "@/lib/permissions/access";

const Lang = z.enum(["nb", "sv", "en"]).optional().catch(undefined);
const AddSchema = z.object({
  address: z.string().max(500).default(""),
  where: z.enum(["real", "sandbox"]).optional().catch(undefined),
  lang: Lang,
});
const AccountSchema = z.object({ accountId: z.uuid(), lang: Lang });
const RemoveSchema = AccountSchema.extend({ history: z.enum(["keep", "delete"]) });

async function adminAgency(slug: unknown) {
  const agency = await requireVisibleAgency(slugArg(slug));
  if (!hasRole(agency, "admin")) notFound();
  return agency;
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  return q.size ? `?${q}` : "";
}

async function audit(agencyId: string, target: string, details: Record<string, string>) {
  await recordAudit(db(), {
    action: "channel_changed",
    agencyId,
    actorUserId: (await currentActor()).userId,
    target,
    details,
    ip: (await headers()).get("x-forwarded-for"),
  });
}

/** Step 1: recognise the address and find the account; the confirmation page shows what was found. */
export async function findChannel(slug: unknown, form: unknown) {
  const agency = await adminAgency(slug);
  const input = AddSchema.safeParse(formFields(form));
  const { address, where, lang } = input.success ? input.data : { address: "", where: undefined, lang: undefined };
  const found = await lookUpChannel(address, where);
  const base = `/agencies/${agency.slug}/connections/add`;
  if (!found.ok) redirect(base + query({ address, where, lang, problem: found.problem, platform: found.platform }));
  redirect(base + query({ address, where, lang, confirm: "1" }));
}

/** Step 2: the admin confirmed; look the account up again (nothing from the browser is trusted) and save it. */
export async function saveChannel(slug: unknown, form: unknown) {
  const agency = await adminAgency(slug);
  const input = AddSchema.safeParse(formFields(form));
  const { address, where, lang } = input.success ? input.data : { address: "", where: undefined, lang: undefined };
  const found = await lookUpChannel(address, where);
  const base = `/agencies/${agency.slug}/connections/add`;
  if (!found.ok) redirect(base + query({ address, where, lang, problem: found.problem, platform: found.platform }));
  const config = runtimeConfig();
  const signIn = found.target.kind === "real" && needsSignInFirst(found.channel.platform);
  const added = await addChannel(db(), agency.id, found.channel, {
    backfillDays: config.BACKFILL_DAYS,
    appToken: found.target.kind === "real" ? found.token : null,
    credentialsKey: config.CREDENTIALS_KEY,
    needsSignIn: signIn,
  });
  if (!added.ok)
    redirect(base + query({ address, where, lang, problem: added.problem, platform: found.channel.platform }));
  await audit(agency.id, `${found.channel.platform}:${found.channel.handle}`, {
    change: added.restored ? "restored" : "added",
    where: found.target.kind,
  });
  if (!signIn) await collectSoon(added.accountId);
  const msg = added.restored ? "restored" : signIn ? "added_sign_in" : "added";
  redirect(`/agencies/${agency.slug}/connections` + query({ lang, msg, channel: found.channel.displayName }));
}

async function change(
  slug: unknown,
  form: unknown,
  act: (agencyId: string, accountId: string) => Promise<string | null>,
) {
  const agency = await adminAgency(slug);
  const parsed = AccountSchema.safeParse(formFields(form));
  const back = (msg: string, lang?: string) => redirect(`/agencies/${agency.slug}/connections` + query({ lang, msg }));
  if (!parsed.success) back("invalid");
  const msg = await act(agency.id, parsed.data!.accountId);
  back(msg ?? "invalid", parsed.data!.lang);
}

export async function pauseChannelAction(slug: unknown, form: unknown) {
  await change(slug, form, async (agencyId, accountId) => {
    if (!(await pauseChannel(db(), agencyId, accountId))) return null;
    await audit(agencyId, accountId, { change: "paused" });
    return "paused";
  });
}

export async function resumeChannelAction(slug: unknown, form: unknown) {
  await change(slug, form, async (agencyId, accountId) => {
    if (!(await resumeChannel(db(), agencyId, accountId))) return null;
    await audit(agencyId, accountId, { change: "resumed" });
    await collectSoon(accountId);
    return "resumed";
  });
}

export async function removeChannelAction(slug: unknown, form: unknown) {
  const agency = await adminAgency(slug);
  const parsed = RemoveSchema.safeParse(formFields(form));
  if (!parsed.success) redirect(`/agencies/${agency.slug}/connections?msg=invalid`);
  const { accountId, history, lang } = parsed.data!;
  const result = await removeChannel(db(), agency.id, accountId, history === "keep");
  if (result === "archived" || result === "deleted") await audit(agency.id, accountId, { change: result });
  redirect(`/agencies/${agency.slug}/connections` + query({ lang, msg: result === "not_found" ? "invalid" : result }));
}

const BlueskySchema = AccountSchema.extend({ appPassword: z.string().trim().toLowerCase().regex(APP_PASSWORD) });

/** Bluesky: the admin gives an app password; a session is opened and its tokens stored encrypted. */
export async function connectBlueskyAction(slug: unknown, form: unknown) {
  const agency = await adminAgency(slug);
  const raw = formFields(form);
  const parsed = BlueskySchema.safeParse(raw);
  const lang = typeof raw.lang === "string" && ["nb", "sv", "en"].includes(raw.lang) ? raw.lang : undefined;
  const accountId = typeof raw.accountId === "string" ? raw.accountId : undefined;
  if (!parsed.success)
    redirect(
      `/agencies/${agency.slug}/connections/bluesky` + query({ account: accountId, lang, msg: "bluesky_invalid" }),
    );
  const account = await db().account.findFirst({
    where: { id: parsed.data!.accountId, agencyId: agency.id, platform: "bluesky" },
    select: { id: true, handle: true, platformId: true, baseUrl: true },
  });
  if (!account) notFound();
  const config = runtimeConfig();
  const result = await connectBluesky(db(), account, parsed.data!.appPassword, {
    credentialsKey: config.CREDENTIALS_KEY,
    timeoutMs: config.PLATFORM_TIMEOUT_MS,
  });
  if (result !== "connected")
    redirect(`/agencies/${agency.slug}/connections/bluesky` + query({ account: account.id, lang, msg: result }));
  await recordAudit(db(), {
    action: "credential_saved",
    agencyId: agency.id,
    actorUserId: (await currentActor()).userId,
    target: `bluesky:${account.handle}`,
    details: { via: "app_password" },
    ip: (await headers()).get("x-forwarded-for"),
  });
  await collectSoon(account.id);
  redirect(`/agencies/${agency.slug}/connections` + query({ lang, msg: "connected" }));
}
