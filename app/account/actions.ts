"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { auth } from "@/lib/auth/auth";
import { db } from "@/lib/db/client";
import { translator } from "@/lib/intl";
import { pickLocale } from "@/lib/intl/requestLocale";
import { asForm, type FormState } from "@/lib/people/formState";
import { changeOwnPassword } from "@/lib/people/password";

const Str = z.string().max(1000).catch("");

export async function changePassword(_prev: FormState, rawForm: unknown): Promise<FormState> {
  const form = asForm(rawForm);
  const h = await headers();
  const t = translator(pickLocale(form.get("lang"), h.get("accept-language")), "people");
  const session = await auth().api.getSession({ headers: h });
  if (!session) redirect("/login?next=/account");
  const result = await changeOwnPassword(db(), {
    userId: session.user.id,
    email: session.user.email,
    keepSessionId: session.session.id,
    current: Str.parse(form.get("current")),
    password: Str.parse(form.get("password")),
    repeat: Str.parse(form.get("repeat")),
  });
  if (!result.ok) {
    const message =
      result.reason === "throttled"
        ? t("throttled", { minutes: Math.ceil(result.retryAfterSeconds / 60) })
        : result.reason === "no_local_password"
          ? t("noLocalPassword")
          : result.reason === "current_wrong"
            ? t("currentWrong")
            : result.reason === "mismatch"
              ? t("passwordMismatch")
              : t(`password_${result.reason}`);
    return { ok: false, message, errors: { [result.field]: message } };
  }
  await recordAudit(db(), {
    action: "password_changed",
    actorUserId: session.user.id,
    target: session.user.email,
    details: { otherSessionsEnded: result.endedSessions },
    ip: h.get("x-forwarded-for"),
  });
  return { ok: true, message: t("passwordChanged") };
}
