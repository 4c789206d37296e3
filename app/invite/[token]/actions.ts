"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { auth } from "@/lib/auth/auth";
import { checkPassword } from "@/lib/auth/password";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { translator } from "@/lib/intl";
import { pickLocale } from "@/lib/intl/requestLocale";
import { asForm, type FormState } from "@/lib/people/formState";
import { acceptInvitation, acceptInvitationWithNewAccount, findOpenInvitation } from "@/lib/people/invitations";

const Str = z.string().max(1000).catch("");
const ip = async () => (await headers()).get("x-forwarded-for");

async function landing(agencyId: string | null): Promise<string> {
  if (!agencyId) return "/admin/agencies";
  const agency = await db().agency.findUnique({ where: { id: agencyId }, select: { slug: true } });
  return agency ? `/agencies/${agency.slug}` : "/";
}

/** A new person sets their name and password; the link makes the account, then signs them in. */
export async function acceptWithNewAccount(token: string, _prev: FormState, rawForm: unknown): Promise<FormState> {
  const form = asForm(rawForm);
  const t = translator(pickLocale(form.get("lang"), (await headers()).get("accept-language")), "people");
  const name = Str.parse(form.get("name")).trim();
  const password = Str.parse(form.get("password"));
  const repeat = Str.parse(form.get("repeat"));
  const values = { name: name.slice(0, 200) };
  const invitation = await findOpenInvitation(db(), Str.parse(token));
  if (!invitation) return { ok: false, message: t("linkGone"), values };
  const errors: Record<string, string> = {};
  if (!name || name.length > 200) errors.name = t("nameRequired");
  const problem = await checkPassword(password, [invitation.email, name]);
  if (problem) errors.password = t(`password_${problem}`);
  else if (password !== repeat) errors.repeat = t("passwordMismatch");
  if (Object.keys(errors).length) return { ok: false, message: Object.values(errors)[0]!, errors, values };

  const accepted = await acceptInvitationWithNewAccount(db(), { token, name, password });
  if (!accepted) return { ok: false, message: t("accountExists"), values };
  await recordAudit(db(), {
    action: "invitation_accepted",
    agencyId: accepted.agencyId,
    actorUserId: accepted.userId,
    target: accepted.email,
    details: { newAccount: true },
    ip: await ip(),
  });
  const target = await landing(accepted.agencyId);
  try {
    await auth().api.signInEmail({ body: { email: accepted.email, password }, headers: await headers() });
  } catch {
    redirect(`/login?next=${encodeURIComponent(target)}`);
  }
  redirect(target);
}

/** A person who already has an account, signed in as the invited e-mail, accepts: only then the membership is added. */
export async function acceptAsSignedIn(token: string, _prev: FormState, rawForm: unknown): Promise<FormState> {
  const form = asForm(rawForm);
  const t = translator(pickLocale(form.get("lang"), (await headers()).get("accept-language")), "people");
  const user = await getSessionUser();
  const invitation = await findOpenInvitation(db(), Str.parse(token));
  if (!invitation) return { ok: false, message: t("linkGone") };
  if (!user || user.email.toLowerCase() !== invitation.email)
    return { ok: false, message: t("wrongPerson", { me: user?.email ?? "?", invited: invitation.email }) };
  const accepted = await acceptInvitation(db(), { token, userId: user.id });
  if (!accepted) return { ok: false, message: t("linkGone") };
  await recordAudit(db(), {
    action: "invitation_accepted",
    agencyId: accepted.agencyId,
    actorUserId: user.id,
    target: accepted.email,
    details: { newAccount: false },
    ip: await ip(),
  });
  redirect(await landing(accepted.agencyId));
}
