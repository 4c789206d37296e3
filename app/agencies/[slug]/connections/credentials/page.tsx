import { platformLabel } from "@/lib/intl/labels";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { SOCIAL_PLATFORMS } from "@/lib/platforms/types";
import { saveChannelCredentials } from "./actions";

export const dynamic = "force-dynamic";

const MESSAGES: Record<string, string> = {
  saved: "Nøkkelen er lagret kryptert. Kanalen hentes nå fra den ekte plattformen, og all historikk er beholdt.",
  invalid: "Velg en kanal og lim inn et tilgangstoken (minst 8 tegn).",
  not_saved: "Nøkkelen ble ikke lagret: serveren mangler krypteringsnøkkel (CREDENTIALS_KEY).",
};

/** Admins connect or reconnect a channel with a platform token. The token is never shown again. */
export default async function CredentialsPage(props: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ msg?: string }>;
}) {
  const agency = await requireVisibleAgency((await props.params).slug);
  if (!hasRole(agency, "admin")) notFound();
  const msg = MESSAGES[(await props.searchParams).msg ?? ""];
  const accounts = await db().account.findMany({
    where: { agencyId: agency.id, platform: { in: [...SOCIAL_PLATFORMS] } },
    select: { id: true, platform: true, handle: true, status: true, credentialId: true },
    orderBy: [{ platform: "asc" }, { handle: "asc" }],
  });
  return (
    <>
      <p>
        <Link href={`/agencies/${agency.slug}/connections`}>← Tilkoblinger</Link>
      </p>
      <h1>Koble til kanal – {agency.name}</h1>
      {msg && (
        <p role="status" className="notice">
          {msg}
        </p>
      )}
      <p>
        Lim inn et tilgangstoken fra plattformen. Det lagres kryptert (AES-256-GCM) og vises aldri igjen. En kanal som
        må kobles til på nytt, blir aktiv igjen og beholder all historikk.
      </p>
      <form action={saveChannelCredentials.bind(null, agency.slug)} className="stack narrow-form">
        <label htmlFor="cred-account">Kanal</label>
        <select id="cred-account" name="accountId" required>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {platformLabel(a.platform, agency.locale)} · {a.handle}
              {a.status === "needs_reconnect" ? " (må kobles til på nytt)" : a.credentialId ? " (har nøkkel)" : ""}
            </option>
          ))}
        </select>
        <label htmlFor="cred-token">Tilgangstoken</label>
        <input id="cred-token" name="token" type="password" autoComplete="off" required />
        <label htmlFor="cred-refresh">Fornyelsestoken (valgfritt)</label>
        <input id="cred-refresh" name="refreshToken" type="password" autoComplete="off" />
        <button type="submit">Lagre kryptert</button>
      </form>
    </>
  );
}
