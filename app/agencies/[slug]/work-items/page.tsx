import { db } from "@/lib/db/client";
import { formatNumber } from "@/lib/format";
import { agencyPageContext } from "@/lib/dashboard/agencyPageContext";
import type { PageProps } from "@/lib/dashboard/pageContext";
import { hasRole } from "@/lib/permissions/access";
import { getWorkItems } from "@/lib/queries/getWorkItems";
import { ActionForm } from "../_inputs/ActionForm";
import { InputsHeader } from "../_inputs/InputsNav";
import { withAgencyLang } from "@/lib/intl/requestLocale";
import { createWorkItemAction } from "./actions";
import { InputsPage } from "../_inputs/InputsPage";
import "../_inputs/inputs.css";

const WORK_ITEM_STATUSES = ["planned", "active", "completed", "cancelled"] as const;

export const dynamic = "force-dynamic";

export default async function WorkItemsPage(props: PageProps) {
  const { agency, lang, t } = await agencyPageContext(props, "inputs");
  const items = await getWorkItems(db(), agency.id);
  return (
    <InputsPage>
      <InputsHeader
        slug={agency.slug}
        agencyName={agency.name}
        title={t("workTitle")}
        current="work-items"
        t={t}
        lang={lang}
        agencyLocale={agency.locale}
      />
      <p>
        {t("workIntro")} <a href={`/api/agencies/${agency.slug}/inputs/trail`}>{t("downloadTrail")}</a>
      </p>
      {items.length === 0 ? (
        <p>{t("noWork")}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t("workCaption", { a: agency.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("work")}</th>
              <th scope="col">{t("caseNumber")}</th>
              <th scope="col">{t("owner")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col" className="num">
                {t("linkedCount")}
              </th>
              <th scope="col" className="num">
                {t("reachedCount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <a href={withAgencyLang(`/agencies/${agency.slug}/work-items/${i.id}`, lang, agency)}>{i.title}</a>
                </th>
                <td>{i.caseNumber ?? "–"}</td>
                <td>{i.owner ?? "–"}</td>
                <td>{t(`workStatus.${i.status}`)}</td>
                <td className="num">{formatNumber(i.links, lang)}</td>
                <td className="num">
                  {formatNumber((i.byStatus.incorporated ?? 0) + (i.byStatus.implemented ?? 0), lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasRole(agency, "editor") && (
        <section aria-labelledby="new-heading">
          <h2 id="new-heading">{t("newWork")}</h2>
          <ActionForm lang={lang} action={createWorkItemAction} className="actions" label={t("newWork")}>
            <input type="hidden" name="slug" value={agency.slug} />
            <label className="field">
              {t("name")}
              <input type="text" name="title" required minLength={2} maxLength={200} />
            </label>
            <label className="field">
              {t("owner")}
              <input type="text" name="owner" maxLength={200} />
            </label>
            <label className="field">
              {t("caseNumber")}
              <input type="text" name="caseNumber" maxLength={200} placeholder={t("casePlaceholder")} />
            </label>
            <label className="field">
              {t("status")}
              <select name="status" defaultValue="active">
                {WORK_ITEM_STATUSES.map((k) => [k, t(`workStatus.${k}`)] as const).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t("create")}</button>
          </ActionForm>
        </section>
      )}
    </InputsPage>
  );
}
