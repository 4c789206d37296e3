import { notFound } from "next/navigation";
import { SiteHeader } from "@/app/components/SiteHeader";
import { runtimeConfig } from "@/lib/config";
import { formatNumber, formatDateTime } from "@/lib/format";
import { translator } from "@/lib/intl";
import { MAILBOX_TIME_ZONE } from "@/lib/mail/outbox";
import { readOutboxMessage } from "@/lib/mail/outbox";
import { requireSignedIn } from "@/lib/permissions/access";
import { mailboxLocale, withMailboxLang } from "../lang";

export const dynamic = "force-dynamic";

/** One message of the local mail catcher: its headers, attachments to download, and the message as sent. */
export default async function MailboxMessagePage(props: {
  params: Promise<{ file: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSignedIn();
  const lang = await mailboxLocale((await props.searchParams).lang);
  const t = translator(lang, "mailbox");
  const config = runtimeConfig();
  const { file } = await props.params;
  const mail = config.SMTP_HOST ? null : await readOutboxMessage(config.DATA_DIR, user.email, file);
  if (!mail) notFound();
  const kb = (n: number) => t("size", { size: formatNumber(Math.max(1, Math.round(n / 1024)), lang) });
  return (
    <div lang={lang}>
      <SiteHeader locale={lang} />
      <main id="main">
        <p>
          <a href={withMailboxLang("/mailbox", lang)}>{t("back")}</a>
        </p>
        <h1>{mail.subject}</h1>
        <dl className="mail-headers">
          <dt>{t("from")}</dt>
          <dd>{mail.from}</dd>
          <dt>{t("to")}</dt>
          <dd>{mail.to}</dd>
          <dt>{t("subject")}</dt>
          <dd>{mail.subject}</dd>
          <dt>{t("date")}</dt>
          <dd>{mail.date ? formatDateTime(mail.date, lang, MAILBOX_TIME_ZONE) : "–"}</dd>
        </dl>
        <h2>{t("attachments")}</h2>
        {mail.attachments.length === 0 ? (
          <p>{t("noAttachments")}</p>
        ) : (
          <ul data-attachments>
            {mail.attachments.map((a) => (
              <li key={a.index}>
                <a href={`/mailbox/${file}/attachment/${a.index}`} download={a.filename}>
                  {a.filename}
                </a>{" "}
                ({a.contentType}, {kb(a.size)})
              </li>
            ))}
          </ul>
        )}
        <h2>{t("content")}</h2>
        <p>
          <a href={`/mailbox/${file}/html`}>{t("showHtml")}</a>
        </p>
        <div className="mail-body">{mail.text}</div>
      </main>
    </div>
  );
}
