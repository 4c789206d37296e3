import { notFound } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { allowedMoves } from "@/lib/inputs/statusMachine";
import { platformLabel } from "@/lib/intl/labels";
import { agencyPageContext } from "@/lib/dashboard/agencyPageContext";
import { hasRole } from "@/lib/permissions/access";
import { getWorkItemInputs } from "@/lib/queries/getWorkItemInputs";
import { ActionForm } from "../../_inputs/ActionForm";
import { formatDateTime } from "@/lib/format";
import { InputsHeader } from "../../_inputs/InputsNav";
import { withAgencyLang } from "@/lib/intl/requestLocale";
import { moveLinkAction, updateWorkItemAction } from "../actions";
import { Permalink } from "../../_inputs/Permalink";
import { InputsPage } from "../../_inputs/InputsPage";
import "../../_inputs/inputs.css";

const WORK_ITEM_STATUSES = ["planned", "active", "completed", "cancelled"] as const;

export const dynamic = "force-dynamic";

export default async function WorkItemPage(props: {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { agency, lang, t } = await agencyPageContext(props, "inputs");
  const { id } = await props.params;
  const parsedId = z.uuid().safeParse(id);
  if (!parsedId.success) notFound();
  const data = await getWorkItemInputs(db(), agency.id, parsedId.data);
  if (!data) notFound();
  const { item, links } = data;
  const canEdit = hasRole(agency, "editor");
  return (
    <InputsPage>
      <InputsHeader
        slug={agency.slug}
        agencyName={agency.name}
        title={item.title}
        current="work-items"
        t={t}
        lang={lang}
        agencyLocale={agency.locale}
      />
      <p>
        <a href={withAgencyLang(`/agencies/${agency.slug}/work-items`, lang, agency)}>{t("allWork")}</a>
      </p>
      <dl>
        <dt>{t("caseNumber")}</dt>
        <dd>{item.caseNumber ?? "–"}</dd>
        <dt>{t("owner")}</dt>
        <dd>{item.owner ?? "–"}</dd>
        <dt>{t("status")}</dt>
        <dd>{t(`workStatus.${item.status}`)}</dd>
      </dl>
      <p>
        <a href={`/api/agencies/${agency.slug}/inputs/trail?workItem=${item.id}`}>{t("downloadItemTrail")}</a>
      </p>
      {canEdit && (
        <details>
          <summary>{t("editWork")}</summary>
          <ActionForm lang={lang} action={updateWorkItemAction} className="actions" label={t("editWork")}>
            <input type="hidden" name="slug" value={agency.slug} />
            <input type="hidden" name="id" value={item.id} />
            <input type="hidden" name="version" value={item.version} />
            <label className="field">
              {t("owner")}
              <input type="text" name="owner" maxLength={200} defaultValue={item.owner ?? ""} />
            </label>
            <label className="field">
              {t("caseNumber")}
              <input type="text" name="caseNumber" maxLength={200} defaultValue={item.caseNumber ?? ""} />
            </label>
            <label className="field">
              {t("status")}
              <select name="status" defaultValue={item.status}>
                {WORK_ITEM_STATUSES.map((k) => [k, t(`workStatus.${k}`)] as const).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t("save")}</button>
          </ActionForm>
        </details>
      )}

      <h2>{t("linkedInputs", { n: links.length })}</h2>
      {links.length === 0 && (
        <p>
          <a href={withAgencyLang(`/agencies/${agency.slug}/inbox?status=input`, lang, agency)}>{t("noLinksYet")}</a>
        </p>
      )}
      {links.map((l, n) => {
        const moves = allowedMoves(l.status);
        return (
          <article
            key={l.id}
            className="card"
            data-link-id={l.id}
            data-status={l.status}
            aria-labelledby={`link-${l.id}`}
          >
            <h3 id={`link-${l.id}`}>
              {t("inputN", { n: n + 1 })}:{" "}
              <span
                className={`badge ${l.status === "declined" ? "badge-declined" : l.status === "incorporated" || l.status === "implemented" ? "badge-reached" : ""}`}
              >
                {t(`linkStatus.${l.status}`)}
              </span>
            </h3>
            <p className="meta">
              {platformLabel(l.reply.platform, lang)} · {l.reply.accountHandle} ·{" "}
              {formatDateTime(l.reply.publishedAt, lang, agency.timeZone)}
              <Permalink url={l.reply.permalink} text={t("openReply")} />
              {" · "}
              <a href={withAgencyLang(`/agencies/${agency.slug}/inbox?reply=${l.reply.id}`, lang, agency)}>
                {t("showInInbox")}
              </a>
            </p>
            <p className="reply-text">{l.reply.text}</p>
            {l.declineReason && (
              <p>
                {t("declineReason")} {l.declineReason}
              </p>
            )}
            {canEdit && moves.length > 0 && (
              <ActionForm
                lang={lang}
                action={moveLinkAction}
                className="actions"
                label={t("moveInput", { n: n + 1 })}
                testId="move"
              >
                <input type="hidden" name="slug" value={agency.slug} />
                <input type="hidden" name="workItemId" value={item.id} />
                <input type="hidden" name="linkId" value={l.id} />
                <input type="hidden" name="version" value={l.version} />
                <div className="field">
                  <label htmlFor={`to-${l.id}`}>{t("newStatus")}</label>
                  <select id={`to-${l.id}`} name="to" defaultValue={moves[0]}>
                    {moves.map((m) => (
                      <option key={m} value={m}>
                        {t(`linkStatus.${m}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`note-${l.id}`}>{t("note")}</label>
                  <textarea id={`note-${l.id}`} name="note" rows={2} maxLength={2000} />
                </div>
                <div className="field">
                  <label htmlFor={`reason-${l.id}`}>{t("reasonLabel")}</label>
                  <textarea id={`reason-${l.id}`} name="reason" rows={2} maxLength={2000} />
                </div>
                <button type="submit">{t("move")}</button>
              </ActionForm>
            )}
            <details>
              <summary>{t("trail", { n: l.moves.length })}</summary>
              <table className="trail">
                <caption className="visually-hidden">{t("trailCaption", { n: n + 1 })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("when")}</th>
                    <th scope="col">{t("from")}</th>
                    <th scope="col">{t("to")}</th>
                    <th scope="col">{t("who")}</th>
                    <th scope="col">{t("note")}</th>
                  </tr>
                </thead>
                <tbody>
                  {l.moves.map((m, i) => (
                    <tr key={i}>
                      <td>{formatDateTime(m.at, lang, agency.timeZone)}</td>
                      <td>{m.from ? t(`linkStatus.${m.from}`) : "–"}</td>
                      <td>{t(`linkStatus.${m.to}`)}</td>
                      <td>{m.actorLabel}</td>
                      <td>{m.note ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </article>
        );
      })}
    </InputsPage>
  );
}
