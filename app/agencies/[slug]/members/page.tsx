import Link from "next/link";
import { db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { translator } from "@/lib/intl";
import { withAgencyLang } from "@/lib/intl/requestLocale";
import { listOpenInvitations } from "@/lib/people/invitations";
import { agencyPageContext } from "@/lib/dashboard/agencyPageContext";
import type { PageProps } from "@/lib/dashboard/pageContext";
import { StatefulForm } from "@/app/components/StatefulForm";
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

export default async function MembersPage(props: PageProps) {
  const { agency, search, lang, t } = await agencyPageContext(props, "people", "admin");
  const msgKey = MESSAGES.find((m) => m === search.msg);
  const msg = msgKey ? t(`msg_${msgKey}`) : null;
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
  const roleLabel = (r: (typeof ROLES)[number]) => t(`role_${r}`);
  return (
    <>
      <h1>{t("membersTitle", { agency: agency.name })}</h1>
      <p>
        <Link href={withAgencyLang(`/agencies/${agency.slug}/settings`, lang, agency)}>{t("settings")}</Link>
      </p>
      <p>
        <a href={withAgencyLang(`/agencies/${agency.slug}/members/sso`, lang, agency)}>
          {translator(lang, "sso")("mappingLink")}
        </a>
      </p>
      {msg && (
        <p role="status" className="notice">
          {msg}
        </p>
      )}
      <table>
        <caption className="visually-hidden">{t("membersCaption", { agency: agency.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("user")}</th>
            <th scope="col">{t("role")}</th>
            <th scope="col">{t("sessions")}</th>
            <th scope="col">{t("remove")}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.user.id}>
              <td>
                {m.user.name} <span className="meta">({m.user.email})</span>
                {m.source === "sso_group" && <span className="meta"> · {t("fromSso")}</span>}
              </td>
              <td>
                <form action={changeMember.bind(null, agency.slug)} className="inline">
                  <input type="hidden" name="userId" value={m.user.id} />
                  <input type="hidden" name="lang" value={lang} />
                  <label className="visually-hidden" htmlFor={`role-${m.user.id}`}>
                    {t("roleFor", { email: m.user.email })}
                  </label>
                  <select id={`role-${m.user.id}`} name="role" defaultValue={m.role}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {roleLabel(r)}
                      </option>
                    ))}
                  </select>
                  <label>
                    <input type="checkbox" name="includeChildren" defaultChecked={m.includeChildren} />{" "}
                    {t("seesChildren")}
                  </label>
                  <button type="submit" className="secondary">
                    {t("save")}
                  </button>
                </form>
              </td>
              <td>
                <RowButton
                  action={endMemberSessions.bind(null, agency.slug)}
                  hidden={{ userId: m.user.id, lang }}
                  label={t("endSessionsFor", { email: m.user.email })}
                  text={t("endSessions")}
                />
              </td>
              <td>
                <RowButton
                  action={removeMember.bind(null, agency.slug)}
                  hidden={{ userId: m.user.id, lang }}
                  label={t("removeFor", { email: m.user.email })}
                  text={t("remove")}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("inviteHeading")}</h2>
      <p>{t("inviteIntro")}</p>
      <StatefulForm
        id="invite"
        label={t("inviteHeading")}
        action={inviteMember.bind(null, agency.slug)}
        hidden={{ lang }}
        submit={t("inviteButton")}
        fields={[
          { name: "email", label: t("email"), type: "email", autoComplete: "off", required: true },
          {
            name: "role",
            label: t("role"),
            type: "select",
            defaultValue: "viewer",
            options: ROLES.map((r) => ({ value: r, label: roleLabel(r) })),
          },
        ]}
      />

      <h2>{t("pendingHeading")}</h2>
      {invitations.length === 0 ? (
        <p>{t("pendingNone")}</p>
      ) : (
        <table data-testid="pending-invitations">
          <caption className="visually-hidden">{t("pendingHeading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("email")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("expires")}</th>
              <th scope="col">{t("resend")}</th>
              <th scope="col">{t("revoke")}</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td>{i.email}</td>
                <td>{i.role ? t(`roleShort.${i.role}`) : ""}</td>
                <td>{formatDateTime(i.expiresAt, lang, agency.timeZone)}</td>
                <td>
                  <RowButton
                    action={resendInvitation.bind(null, agency.slug)}
                    hidden={{ invitationId: i.id, lang }}
                    label={t("resendFor", { email: i.email })}
                    text={t("resend")}
                  />
                </td>
                <td>
                  <RowButton
                    action={revokeInvitation.bind(null, agency.slug)}
                    hidden={{ invitationId: i.id, lang }}
                    label={t("revokeFor", { email: i.email })}
                    text={t("revoke")}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** A button for one row (a member, an invitation): the action gets the row's id and the page's language. */
function RowButton(props: {
  action: (form: FormData) => Promise<void>;
  hidden: Record<string, string>;
  label: string;
  text: string;
}) {
  return (
    <form action={props.action}>
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="secondary" aria-label={props.label}>
        {props.text}
      </button>
    </form>
  );
}
