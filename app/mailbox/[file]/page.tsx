import { notFound } from "next/navigation";
import { SiteHeader } from "@/app/components/SiteHeader";
import { runtimeConfig } from "@/lib/config";
import { readOutboxMessage } from "@/lib/mail/outbox";
import { requireSignedIn } from "@/lib/permissions/access";

export const dynamic = "force-dynamic";

/** One message of the local mail catcher: its headers, attachments to download, and the message as sent. */
export default async function MailboxMessagePage(props: { params: Promise<{ file: string }> }) {
  const user = await requireSignedIn();
  const config = runtimeConfig();
  const { file } = await props.params;
  const mail = config.SMTP_HOST ? null : await readOutboxMessage(config.DATA_DIR, user.email, file);
  if (!mail) notFound();
  const kb = (n: number) => `${Math.max(1, Math.round(n / 1024)).toLocaleString("nb-NO")} kB`;
  return (
    <>
      <SiteHeader />
      <main id="main">
        <p>
          <a href="/mailbox">← Lokal innboks</a>
        </p>
        <h1>{mail.subject}</h1>
        <dl className="mail-headers">
          <dt>Fra</dt>
          <dd>{mail.from}</dd>
          <dt>Til</dt>
          <dd>{mail.to}</dd>
          <dt>Emne</dt>
          <dd>{mail.subject}</dd>
          <dt>Dato</dt>
          <dd>
            {mail.date?.toLocaleString("nb-NO", { timeZone: "Europe/Oslo", dateStyle: "long", timeStyle: "short" }) ??
              "–"}
          </dd>
        </dl>
        <h2>Vedlegg</h2>
        {mail.attachments.length === 0 ? (
          <p>Ingen vedlegg.</p>
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
        <h2>Innhold</h2>
        <p>
          <a href={`/mailbox/${file}/html`}>Vis e-posten slik den ble sendt (HTML)</a>
        </p>
        <div className="mail-body">{mail.text}</div>
      </main>
    </>
  );
}
