import { runtimeConfig } from "@/lib/config";
import { formatDateTime, type UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";
import { createMailer } from "@/lib/mail/transport";

/**
 * Sends an invitation link by SMTP, or to the local mail catcher on the embedded default. The link
 * is the only secret in it; it is never logged. Returns false when the mail could not be handed over. It is written in
 * the agency's language (the invitee has no language of their own yet), with the expiry in the agency's time zone.
 */
export async function sendInvitationMail(input: {
  email: string;
  agencyName: string;
  role: "viewer" | "editor" | "admin";
  url: string;
  expiresAt: Date;
  locale: UiLocale;
  timeZone: string;
}): Promise<boolean> {
  const t = translator(input.locale, "people");
  const until = formatDateTime(input.expiresAt, input.locale, input.timeZone);
  const mailer = createMailer(runtimeConfig());
  try {
    await mailer.transporter.sendMail({
      from: mailer.from,
      to: input.email,
      subject: t("mailSubject", { agency: input.agencyName }),
      text: t("mailBody", {
        agency: input.agencyName,
        role: t(`roleShort.${input.role}`),
        url: input.url,
        until,
      }),
    });
    return true;
  } catch (error) {
    console.error("[invitations] mail to an invited person failed:", (error as Error).message);
    return false;
  }
}
