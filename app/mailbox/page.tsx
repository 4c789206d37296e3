import { notFound } from "next/navigation";
import { SiteHeader } from "@/app/components/SiteHeader";
import { runtimeConfig } from "@/lib/config";
import { formatDateTime } from "@/lib/format";
import { translator } from "@/lib/intl";
import { MAILBOX_TIME_ZONE } from "@/lib/mail/outbox";
import { listOutbox } from "@/lib/mail/outbox";
import { requireSignedIn } from "@/lib/permissions/access";
import { mailboxLocale, withMailboxLang } from "./lang";

export const dynamic = "force-dynamic";

/** The local mail catcher's messages for the signed-in user (only when no SMTP server is configured). */
export default async function MailboxPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSignedIn();
  const lang = await mailboxLocale((await props.searchParams).lang);
  const t = translator(lang, "mailbox");
  const config = runtimeConfig();
  if (config.SMTP_HOST) notFound();
  const messages = await listOutbox(config.DATA_DIR, user.email);
  return (
    <div lang={lang}>
      <SiteHeader locale={lang} />
      <main id="main">
        <h1>{t("title")}</h1>
        <p>{t("intro", { email: user.email })}</p>
        {messages.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("received")}</th>
                <th scope="col">{t("subject")}</th>
                <th scope="col">{t("attachments")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.file}>
                  <td>{m.date ? formatDateTime(m.date, lang, MAILBOX_TIME_ZONE) : "–"}</td>
                  <td>
                    <a href={withMailboxLang(`/mailbox/${m.file}`, lang)}>{m.subject}</a>
                  </td>
                  <td>{m.attachments.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}
