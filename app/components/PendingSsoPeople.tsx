import { db } from "@/lib/db/client";
import { formatDateTime, type UiLocale } from "@/lib/format";
import { listPendingSsoPeople } from "@/lib/auth/ssoMemberships";
import { translator } from "@/lib/intl";

/**
 * People who signed in with SSO but have no access anywhere yet, with the groups they carry. Times are shown in
 * the agency's time zone on its pages, in Norway's on the installation's.
 */
export async function PendingSsoPeople(props: { locale: UiLocale; headingLevel: 1 | 2; timeZone?: string }) {
  const t = translator(props.locale, "sso");
  const pending = await listPendingSsoPeople(db());
  const Heading = props.headingLevel === 1 ? "h1" : "h2";
  return (
    <section aria-labelledby="sso-pending">
      <Heading id="sso-pending">{props.headingLevel === 1 ? t("pendingAllTitle") : t("pendingTitle")}</Heading>
      <p>{t("pendingIntro")}</p>
      {pending.length === 0 ? (
        <p>{t("pendingNone")}</p>
      ) : (
        <table data-sso-pending>
          <caption className="visually-hidden">{t("pendingTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("person")}</th>
              <th scope="col">{t("groups")}</th>
              <th scope="col">{t("lastSignIn")}</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((p) => (
              <tr key={p.user.id}>
                <td>
                  {p.user.name} <span className="meta">({p.user.email})</span>
                </td>
                <td>
                  {p.groups.length
                    ? p.groups.map((g, i) => (
                        <span key={g}>
                          {i > 0 && ", "}
                          <code>{g}</code>
                        </span>
                      ))
                    : t("none")}
                </td>
                <td>{formatDateTime(p.lastSignInAt, props.locale, props.timeZone ?? "Europe/Oslo")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
