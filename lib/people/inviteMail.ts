import { runtimeConfig } from "@/lib/config";
import type { UiLocale } from "@/lib/format";
import { peopleTexts } from "@/lib/i18nPeople";
import { createMailer } from "@/lib/mail/transport";

const INTL: Record<UiLocale, string> = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" };

/**
 * Sends an invitation link by SMTP, or to the local mail catcher on the embedded default. The link
 * is the only secret in it; it is never logged. Returns false when the mail could not be handed over.
 */
export async function sendInvitationMail(input: {
  email: string;
  agencyName: string;
  role: string;
  url: string;
  expiresAt: Date;
  locale: UiLocale;
  timeZone: string;
}): Promise<boolean> {
  const t = peopleTexts(input.locale);
  const until = new Intl.DateTimeFormat(INTL[input.locale], {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: input.timeZone,
  }).format(input.expiresAt);
  const mailer = createMailer(runtimeConfig());
  try {
    await mailer.transporter.sendMail({
      from: mailer.from,
      to: input.email,
      subject: t.mailSubject(input.agencyName),
      text: t.mailBody(input.agencyName, t.roleShort[input.role] ?? input.role, input.url, until),
    });
    return true;
  } catch (error) {
    console.error("[invitations] mail to an invited person failed:", (error as Error).message);
    return false;
  }
}
