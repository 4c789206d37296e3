import { notFound } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { allowedMoves } from "@/lib/inputs/statusMachine";
import { LINK_STATUS_LABEL, PLATFORM_LABEL, WORK_ITEM_STATUS_LABEL } from "@/lib/i18n";
import { hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { getWorkItemInputs } from "@/lib/queries/getWorkItemInputs";
import { ActionForm } from "../../_inputs/ActionForm";
import { formatInstant } from "../../_inputs/format";
import { InputsHeader } from "../../_inputs/InputsNav";
import { moveLinkAction, updateWorkItemAction } from "../actions";
import { safeHref } from "../../_inputs/safeHref";
import "../../_inputs/inputs.css";

export const dynamic = "force-dynamic";

export default async function WorkItemPage(props: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await props.params;
  const agency = await requireVisibleAgency(slug);
  const parsedId = z.uuid().safeParse(id);
  if (!parsedId.success) notFound();
  const data = await getWorkItemInputs(db(), agency.id, parsedId.data);
  if (!data) notFound();
  const { item, links } = data;
  const canEdit = hasRole(agency, "editor");
  return (
    <main id="main">
      <InputsHeader slug={agency.slug} agencyName={agency.name} title={item.title} current="work-items" />
      <p><a href={`/agencies/${agency.slug}/work-items`}>← Alt politikkarbeid</a></p>
      <dl>
        <dt>Saksnummer</dt><dd>{item.caseNumber ?? "–"}</dd>
        <dt>Ansvarlig</dt><dd>{item.owner ?? "–"}</dd>
        <dt>Status</dt><dd>{WORK_ITEM_STATUS_LABEL[item.status]}</dd>
      </dl>
      <p><a href={`/api/agencies/${agency.slug}/inputs/trail?workItem=${item.id}`}>Last ned sporet for dette arbeidet (CSV)</a></p>
      {canEdit && (
        <details>
          <summary>Endre arbeidet</summary>
          <ActionForm action={updateWorkItemAction} className="actions" label="Endre arbeidet">
            <input type="hidden" name="slug" value={agency.slug} />
            <input type="hidden" name="id" value={item.id} />
            <input type="hidden" name="version" value={item.version} />
            <label className="field">Ansvarlig<input type="text" name="owner" maxLength={200} defaultValue={item.owner ?? ""} /></label>
            <label className="field">Saksnummer<input type="text" name="caseNumber" maxLength={200} defaultValue={item.caseNumber ?? ""} /></label>
            <label className="field">Status
              <select name="status" defaultValue={item.status}>
                {Object.entries(WORK_ITEM_STATUS_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
              </select>
            </label>
            <button type="submit">Lagre</button>
          </ActionForm>
        </details>
      )}

      <h2>Innspill koblet til arbeidet ({links.length})</h2>
      {links.length === 0 && <p>Ingen innspill er koblet ennå. Koble innspill fra <a href={`/agencies/${agency.slug}/inbox?status=input`}>innboksen</a>.</p>}
      {links.map((l, n) => {
        const moves = allowedMoves(l.status);
        return (
          <article key={l.id} className="card" data-link-id={l.id} data-status={l.status} aria-labelledby={`link-${l.id}`}>
            <h3 id={`link-${l.id}`}>Innspill {n + 1}: <span className={`badge ${l.status === "declined" ? "badge-declined" : l.status === "incorporated" || l.status === "implemented" ? "badge-reached" : ""}`}>{LINK_STATUS_LABEL[l.status]}</span></h3>
            <p className="meta">
              {PLATFORM_LABEL[l.reply.platform]} · {l.reply.accountHandle} · {formatInstant(l.reply.publishedAt, agency.timeZone)}
              {safeHref(l.reply.permalink) && <> · <a href={safeHref(l.reply.permalink)!} rel="noopener noreferrer">åpne svaret</a></>}
              {" · "}<a href={`/agencies/${agency.slug}/inbox?reply=${l.reply.id}`}>vis i innboksen</a>
            </p>
            <p className="reply-text">{l.reply.text}</p>
            {l.declineReason && <p>Begrunnelse for avslag: {l.declineReason}</p>}
            {canEdit && moves.length > 0 && (
              <ActionForm action={moveLinkAction} className="actions" label={`Flytt innspill ${n + 1}`} testId="move">
                <input type="hidden" name="slug" value={agency.slug} />
                <input type="hidden" name="workItemId" value={item.id} />
                <input type="hidden" name="linkId" value={l.id} />
                <input type="hidden" name="version" value={l.version} />
                <div className="field">
                  <label htmlFor={`to-${l.id}`}>Ny status</label>
                  <select id={`to-${l.id}`} name="to" defaultValue={moves[0]}>
                    {moves.map((m) => <option key={m} value={m}>{LINK_STATUS_LABEL[m]}</option>)}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`note-${l.id}`}>Notat</label>
                  <textarea id={`note-${l.id}`} name="note" rows={2} maxLength={2000} />
                </div>
                <div className="field">
                  <label htmlFor={`reason-${l.id}`}>Begrunnelse (påkrevd ved avslag)</label>
                  <textarea id={`reason-${l.id}`} name="reason" rows={2} maxLength={2000} />
                </div>
                <button type="submit">Flytt</button>
              </ActionForm>
            )}
            <details>
              <summary>Sporet ({l.moves.length} steg)</summary>
              <table className="trail">
                <caption className="visually-hidden">Statusendringer for innspill {n + 1}</caption>
                <thead><tr><th scope="col">Når</th><th scope="col">Fra</th><th scope="col">Til</th><th scope="col">Hvem</th><th scope="col">Notat</th></tr></thead>
                <tbody>
                  {l.moves.map((m, i) => (
                    <tr key={i}>
                      <td>{formatInstant(m.at, agency.timeZone)}</td>
                      <td>{m.from ? LINK_STATUS_LABEL[m.from] : "–"}</td>
                      <td>{LINK_STATUS_LABEL[m.to]}</td>
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
    </main>
  );
}
