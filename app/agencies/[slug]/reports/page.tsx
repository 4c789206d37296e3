import Link from "next/link";
import { getSessionUser } from "@/lib/auth/session";
import { runtimeConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { formatDay, formatWeek } from "@/lib/format";
import { hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { previousWeek } from "@/lib/reports/week";
import { sendTestToMe, subscribe, unsubscribe } from "./actions";

export const dynamic = "force-dynamic";

const MESSAGES: Record<string, string> = {
  subscribed: "Du får ukerapporten hver mandag kl. 08.00.",
  unsubscribed: "Du får ikke lenger ukerapporten.",
  test_sent: "Testrapporten er sendt til deg.",
  test_failed: "Testrapporten kunne ikke sendes. Sjekk e-postoppsettet (SMTP).",
};

export default async function ReportsPage(props: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ msg?: string }>;
}) {
  const agency = await requireVisibleAgency((await props.params).slug);
  const user = (await getSessionUser())!;
  const msg = MESSAGES[(await props.searchParams).msg ?? ""];
  const subscription = await db().reportSubscription.findUnique({
    where: { agencyId_userId: { agencyId: agency.id, userId: user.id } },
  });
  const lastWeek = previousWeek(new Date(), agency.timeZone);
  const admin = hasRole(agency, "admin");
  const catcher = !runtimeConfig().SMTP_HOST;
  return (
    <>
      <h1>Ukerapport – {agency.name}</h1>
      {msg && (
        <p role="status" className="notice">
          {msg}
        </p>
      )}
      <p>
        Ukerapporten kommer på e-post hver mandag kl. 08.00 ({agency.timeZone}) for uken før: publikum per kanal med
        endring fra uken før og fire uker før, mest leste innlegg, svar og kommentarer, e-post- og pushkampanjer og
        kanaler som trenger oppmerksomhet. Tallene er de samme som på dashbordet, og ligger også som CSV-vedlegg.
      </p>
      {subscription ? (
        <form action={unsubscribe.bind(null, agency.slug)}>
          <p>Du abonnerer på ukerapporten til {user.email}.</p>
          <button type="submit" className="secondary">
            Avslutt abonnementet
          </button>
        </form>
      ) : (
        <form action={subscribe.bind(null, agency.slug)}>
          <button type="submit">Abonner på ukerapporten</button>
        </form>
      )}
      {admin && (
        <>
          <h2>Forhåndsvisning og arkiv</h2>
          <p>
            Siste hele uke er {formatWeek(lastWeek.start, "nb", true)} ({formatDay(lastWeek.start, "nb")}–
            {formatDay(lastWeek.end, "nb")}).
          </p>
          <ul>
            <li>
              <a href={`/agencies/${agency.slug}/reports/preview?week=${lastWeek.start}`}>
                Forhåndsvis rapporten for {formatWeek(lastWeek.start, "nb")}
              </a>
            </li>
            <li>
              <a href={`/agencies/${agency.slug}/reports/pdf?week=${lastWeek.start}`}>Last ned som PDF for arkivet</a>
            </li>
          </ul>
          <form action={sendTestToMe.bind(null, agency.slug)}>
            <button type="submit" className="secondary">
              Send en testrapport til meg
            </button>
          </form>
          {catcher && (
            <p className="meta">
              Uten SMTP-oppsett havner e-post i den lokale <Link href="/mailbox">innboksen</Link>.
            </p>
          )}
        </>
      )}
    </>
  );
}
