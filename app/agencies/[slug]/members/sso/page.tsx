import Link from "next/link";
import { PendingSsoPeople } from "@/app/components/PendingSsoPeople";
import { ssoEnabled } from "@/lib/auth/auth";
import { runtimeConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { withAgencyLang } from "@/lib/intl/requestLocale";
import { agencyPageContext } from "@/lib/dashboard/agencyPageContext";
import type { PageProps } from "@/lib/dashboard/pageContext";
import { removeMapping, saveMapping } from "./actions";

export const dynamic = "force-dynamic";

const ROLES = ["viewer", "editor", "admin"] as const;
const MESSAGES = ["added", "removed", "invalid"] as const;

/** An agency admin maps the identity provider's group values to roles here, and sees who waits for access. */
export default async function SsoMappingPage(props: PageProps) {
  const { agency, search, lang: locale, t } = await agencyPageContext(props, "sso", "admin");
  const msg = MESSAGES.find((m) => m === search.msg);
  const mappings = await db().ssoGroupRole.findMany({ where: { agencyId: agency.id }, orderBy: { groupValue: "asc" } });
  return (
    <>
      <h1>{t("mappingTitle", { agency: agency.name })}</h1>
      <p>
        <Link href={withAgencyLang(`/agencies/${agency.slug}/members`, locale, agency)}>{t("back")}</Link>
      </p>
      {msg && (
        <p role={msg === "invalid" ? "alert" : "status"} className={msg === "invalid" ? "error" : "notice"}>
          {t(`msg_${msg}`)}
        </p>
      )}
      <p>{t("mappingIntro", { claim: runtimeConfig().OIDC_GROUPS_CLAIM })}</p>
      {!ssoEnabled() && <p className="notice">{t("mappingOff")}</p>}
      <h2>{t("mappings")}</h2>
      {mappings.length === 0 ? (
        <p>{t("noMappings")}</p>
      ) : (
        <table data-sso-mappings>
          <caption className="visually-hidden">{t("mappings")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("group")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("remove")}</th>
            </tr>
          </thead>
          <tbody>
            {mappings.map((m) => (
              <tr key={m.groupValue}>
                <td>
                  <code>{m.groupValue}</code>
                </td>
                <td>{t(`role_${m.role}`)}</td>
                <td>
                  <form action={removeMapping.bind(null, agency.slug)}>
                    <input type="hidden" name="group" value={m.groupValue} />
                    <input type="hidden" name="lang" value={locale} />
                    <button
                      type="submit"
                      className="secondary"
                      aria-label={t("removeMapping", { group: m.groupValue })}
                    >
                      {t("remove")}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("addMapping")}</h2>
      <form action={saveMapping.bind(null, agency.slug)} className="stack narrow-form">
        <input type="hidden" name="lang" value={locale} />
        <label htmlFor="sso-group">{t("group")}</label>
        <input id="sso-group" name="group" required maxLength={200} aria-describedby="sso-group-help" />
        <p id="sso-group-help" className="meta">
          {t("groupHelp")}
        </p>
        <label htmlFor="sso-role">{t("role")}</label>
        <select id="sso-role" name="role" defaultValue="viewer">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role_${r}`)}
            </option>
          ))}
        </select>
        <button type="submit">{t("save")}</button>
      </form>
      <PendingSsoPeople locale={locale} headingLevel={2} timeZone={agency.timeZone} />
    </>
  );
}
