import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { peopleTexts } from "@/lib/i18nPeople";
import { ssoTexts } from "@/lib/i18nSso";
import { listOpenInvitations } from "@/lib/people/invitations";
import { hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { StatefulForm } from "@/app/components/StatefulForm";
import { LangSchema } from "@/app/agencies/[slug]/_inputs/lang";
import {
  changeMember,
  endMemberSessions,
  inviteMember,
  removeMember,
  resendInvitation,
  revokeInvitation,
} from "./actions";

export const dynamic = "force-dynamic";

const ROLES = ["viewer", "editor", "admin"] as const;
const MESSAGES = [
  "changed",
  "removed",
  "invalid",
  "last_admin",
  "sessions_ended",
  "resent",
  "revoked",
  "mail_failed",
] as const;
const INTL = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" } as const;

export default async function MembersPage(props: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await props.params;
  const agency = await requireVisibleAgency(slug);
  if (!hasRole(agency, "admin")) notFound();
  const search = await props.searchParams;
  const lang = LangSchema.parse(typeof search.lang === "string" ? search.lang : undefined);
  const t = peopleTexts(lang);
  const msgKey = MESSAGES.find((m) => m === search.msg);
  const msg = msgKey ? t[`msg_${msgKey}`] : null;
  const [members, invitations] = await Promise.all([
    db().membership.findMany({
      where: { agencyId: agency.id },
      select: {
        role: true,
        includeChildren: true,
        source: true,
        user: { select: { id: true, email: true, name: true } },
      },
      orderBy: { user: { email: "asc" } },
    }),
    listOpenInvitations(db(), agency.id),
  ]);
  const roleLabel = (r: (typeof ROLES)[number]) => t[`role_${r}`];
  const date = new Intl.DateTimeFormat(INTL[lang], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: agency.timeZone,
  });
  return (
    <>
      <h1>{t.membersTitle(agency.name)}</h1>
      <p>
        <Link href={`/agencies/${agency.slug}/settings${lang === "nb" ? "" : `?lang=${lang}`}`}>{t.settings}</Link>
      </p>
      <p>
        <a href={`/agencies/${agency.slug}/members/sso${lang === "nb" ? "" : `?lang=${lang}`}`}>
          {ssoTexts(lang).mappingLink}
        </a>
      </p>
      {msg && (
        <p role="status" className="notice">
          {msg}
        </p>
      )}
      <table>
        <caption className="visually-hidden">{t.membersCaption(agency.name)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.user}</th>
            <th scope="col">{t.role}</th>
            <th scope="col">{t.sessions}</th>
            <th scope="col">{t.remove}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.user.id}>
              <td>
                {m.user.name} <span className="meta">({m.user.email})</span>
                {m.source === "sso_group" && <span className="meta"> · {t.fromSso}</span>}
              </td>
              <td>
                <form action={changeMember.bind(null, agency.slug)} className="inline">
                  <input type="hidden" name="userId" value={m.user.id} />
                  <input type="hidden" name="lang" value={lang} />
                  <label className="visually-hidden" htmlFor={`role-${m.user.id}`}>
                    {t.roleFor(m.user.email)}
                  </label>
                  <select id={`role-${m.user.id}`} name="role" defaultValue={m.role}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {roleLabel(r)}
                      </option>
                    ))}
                  </select>
                  <label>
                    <input type="checkbox" name="includeChildren" defaultChecked={m.includeChildren} /> {t.seesChildren}
                  </label>
                  <button type="submit" className="secondary">
                    {t.save}
                  </button>
                </form>
              </td>
              <td>
                <form action={endMemberSessions.bind(null, agency.slug)}>
                  <input type="hidden" name="userId" value={m.user.id} />
                  <input type="hidden" name="lang" value={lang} />
                  <button type="submit" className="secondary" aria-label={t.endSessionsFor(m.user.email)}>
                    {t.endSessions}
                  </button>
                </form>
              </td>
              <td>
                <form action={removeMember.bind(null, agency.slug)}>
                  <input type="hidden" name="userId" value={m.user.id} />
                  <input type="hidden" name="lang" value={lang} />
                  <button type="submit" className="secondary" aria-label={t.removeFor(m.user.email)}>
                    {t.remove}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t.inviteHeading}</h2>
      <p>{t.inviteIntro}</p>
      <StatefulForm
        id="invite"
        label={t.inviteHeading}
        action={inviteMember.bind(null, agency.slug)}
        hidden={{ lang }}
        submit={t.inviteButton}
        fields={[
          { name: "email", label: t.email, type: "email", autoComplete: "off", required: true },
          {
            name: "role",
            label: t.role,
            type: "select",
            defaultValue: "viewer",
            options: ROLES.map((r) => ({ value: r, label: roleLabel(r) })),
          },
        ]}
      />

      <h2>{t.pendingHeading}</h2>
      {invitations.length === 0 ? (
        <p>{t.pendingNone}</p>
      ) : (
        <table data-testid="pending-invitations">
          <caption className="visually-hidden">{t.pendingHeading}</caption>
          <thead>
            <tr>
              <th scope="col">{t.email}</th>
              <th scope="col">{t.role}</th>
              <th scope="col">{t.expires}</th>
              <th scope="col">{t.resend}</th>
              <th scope="col">{t.revoke}</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td>{i.email}</td>
                <td>{i.role ? t.roleShort[i.role] : ""}</td>
                <td>{date.format(i.expiresAt)}</td>
                <td>
                  <form action={resendInvitation.bind(null, agency.slug)}>
                    <input type="hidden" name="invitationId" value={i.id} />
                    <input type="hidden" name="lang" value={lang} />
                    <button type="submit" className="secondary" aria-label={t.resendFor(i.email)}>
                      {t.resend}
                    </button>
                  </form>
                </td>
                <td>
                  <form action={revokeInvitation.bind(null, agency.slug)}>
                    <input type="hidden" name="invitationId" value={i.id} />
                    <input type="hidden" name="lang" value={lang} />
                    <button type="submit" className="secondary" aria-label={t.revokeFor(i.email)}>
                      {t.revoke}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
