import { notFound } from "next/navigation";
import { SiteHeader } from "@/app/components/SiteHeader";
import { runtimeConfig } from "@/lib/config";
import { listOutbox } from "@/lib/mail/outbox";
import { requireSignedIn } from "@/lib/permissions/access";

export const dynamic = "force-dynamic";

/** The local mail catcher's messages for the signed-in user (only when no SMTP server is configured). */
export default async function MailboxPage() {
  const user = await requireSignedIn();
  const config = runtimeConfig();
  if (config.SMTP_HOST) notFound();
  const messages = await listOutbox(config.DATA_DIR, user.email);
  return (
    <>
      <SiteHeader />
      <main id="main">
        <h1>Lokal innboks</h1>
        <p>
          Uten SMTP-oppsett tar den innebygde e-posttjeneren imot e-post fra Kanalmåling. Her er det som er sendt til{" "}
          {user.email}.
        </p>
        {messages.length === 0 ? (
          <p>Ingen e-post ennå.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Mottatt</th>
                <th scope="col">Emne</th>
                <th scope="col">Vedlegg</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.file}>
                  <td>{m.date?.toLocaleString("nb-NO", { timeZone: "Europe/Oslo" }) ?? "–"}</td>
                  <td>
                    <a href={`/mailbox/${m.file}`}>{m.subject}</a>
                  </td>
                  <td>{m.attachments.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </>
  );
}
