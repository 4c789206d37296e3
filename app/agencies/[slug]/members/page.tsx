import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { addMember, changeMember, removeMember } from "./actions";

export const dynamic = "force-dynamic";

const ROLE_LABEL = { viewer: "Leser (dashbord, eksport, rapporter)", editor: "Redaktør (også innspill og saker)", admin: "Administrator (også kanaler, nøkler, medlemmer)" } as const;
const MESSAGES: Record<string, string> = {
  added: "Medlemmet er lagt til.",
  changed: "Rollen er endret.",
  removed: "Medlemmet er fjernet.",
  invalid: "Skjemaet var ikke riktig utfylt: sjekk e-postadressen, rollen og at passordet har minst 12 tegn.",
  unknown_user: "Det finnes ingen bruker med den e-postadressen. Oppgi et passord for å lage en lokal konto, eller be personen logge inn med SSO først.",
  last_admin: "Virksomheten må ha minst én administrator.",
};

export default async function MembersPage(props: { params: Promise<{ slug: string }>; searchParams: Promise<{ msg?: string }> }) {
  const { slug } = await props.params;
  const agency = await requireVisibleAgency(slug);
  if (!hasRole(agency, "admin")) notFound();
  const msg = MESSAGES[(await props.searchParams).msg ?? ""];
  const members = await db().membership.findMany({
    where: { agencyId: agency.id },
    select: { role: true, includeChildren: true, user: { select: { id: true, email: true, name: true } } },
    orderBy: { user: { email: "asc" } },
  });
  return (
    <>
        <h1>Medlemmer og roller – {agency.name}</h1>
        <p><Link href={`/agencies/${agency.slug}/members/sso`}>Enkel pålogging (SSO): grupper som gir roller, og hvem som venter på tilgang</Link></p>
        {msg && <p role="status" className="notice">{msg}</p>}
        <table>
          <caption className="visually-hidden">Medlemmer av {agency.name}</caption>
          <thead><tr><th scope="col">Bruker</th><th scope="col">Rolle</th><th scope="col">Fjern</th></tr></thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.user.id}>
                <td>{m.user.name} <span className="meta">({m.user.email})</span></td>
                <td>
                  <form action={changeMember.bind(null, agency.slug)} className="inline">
                    <input type="hidden" name="userId" value={m.user.id} />
                    <label className="visually-hidden" htmlFor={`role-${m.user.id}`}>Rolle for {m.user.email}</label>
                    <select id={`role-${m.user.id}`} name="role" defaultValue={m.role}>
                      {Object.entries(ROLE_LABEL).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
                    </select>
                    <label><input type="checkbox" name="includeChildren" defaultChecked={m.includeChildren} /> ser underliggende virksomheter</label>
                    <button type="submit" className="secondary">Lagre</button>
                  </form>
                </td>
                <td>
                  <form action={removeMember.bind(null, agency.slug)}>
                    <input type="hidden" name="userId" value={m.user.id} />
                    <button type="submit" className="secondary" aria-label={`Fjern ${m.user.email}`}>Fjern</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Legg til medlem</h2>
        <form action={addMember.bind(null, agency.slug)} className="stack narrow-form">
          <label htmlFor="add-email">E-postadresse</label>
          <input id="add-email" name="email" type="email" required />
          <label htmlFor="add-name">Navn (for ny lokal konto)</label>
          <input id="add-name" name="name" />
          <label htmlFor="add-role">Rolle</label>
          <select id="add-role" name="role" defaultValue="viewer">
            {Object.entries(ROLE_LABEL).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
          <label htmlFor="add-password">Passord for ny lokal konto (minst 12 tegn; tomt for eksisterende brukere og SSO)</label>
          <input id="add-password" name="password" type="password" autoComplete="new-password" />
          <button type="submit">Legg til</button>
        </form>
    </>
  );
}
