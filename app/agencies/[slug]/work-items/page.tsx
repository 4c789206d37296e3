import { db } from "@/lib/db/client";
import { formatNumber } from "@/lib/format";
import { WORK_ITEM_STATUS_LABEL } from "@/lib/i18n";
import { hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { getWorkItems } from "@/lib/queries/getWorkItems";
import { ActionForm } from "../_inputs/ActionForm";
import { InputsHeader } from "../_inputs/InputsNav";
import { createWorkItemAction } from "./actions";
import "../_inputs/inputs.css";

export const dynamic = "force-dynamic";

export default async function WorkItemsPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const agency = await requireVisibleAgency(slug);
  const items = await getWorkItems(db(), agency.id);
  return (
    <main id="main">
      <InputsHeader slug={agency.slug} agencyName={agency.name} title="Politikkarbeid" current="work-items" />
      <p>Reformer, forskrifter og kampanjer som innspill fra publikum kan kobles til. <a href={`/api/agencies/${agency.slug}/inputs/trail`}>Last ned hele sporet av statusendringer (CSV)</a></p>
      {items.length === 0 ? <p>Ingen arbeid er registrert ennå.</p> : (
        <table>
          <caption className="visually-hidden">Politikkarbeid i {agency.name}</caption>
          <thead>
            <tr><th scope="col">Arbeid</th><th scope="col">Saksnummer</th><th scope="col">Ansvarlig</th><th scope="col">Status</th><th scope="col" className="num">Innspill koblet</th><th scope="col" className="num">Nådde arbeidet</th></tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <th scope="row"><a href={`/agencies/${agency.slug}/work-items/${i.id}`}>{i.title}</a></th>
                <td>{i.caseNumber ?? "–"}</td>
                <td>{i.owner ?? "–"}</td>
                <td>{WORK_ITEM_STATUS_LABEL[i.status]}</td>
                <td className="num">{formatNumber(i.links, "nb")}</td>
                <td className="num">{formatNumber((i.byStatus.incorporated ?? 0) + (i.byStatus.implemented ?? 0), "nb")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasRole(agency, "editor") && (
        <section aria-labelledby="new-heading">
          <h2 id="new-heading">Nytt arbeid</h2>
          <ActionForm action={createWorkItemAction} className="actions" label="Nytt arbeid">
            <input type="hidden" name="slug" value={agency.slug} />
            <label className="field">Navn<input type="text" name="title" required minLength={2} maxLength={200} /></label>
            <label className="field">Ansvarlig<input type="text" name="owner" maxLength={200} /></label>
            <label className="field">Saksnummer<input type="text" name="caseNumber" maxLength={200} placeholder="f.eks. 10/1234" /></label>
            <label className="field">Status
              <select name="status" defaultValue="active">
                {Object.entries(WORK_ITEM_STATUS_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
              </select>
            </label>
            <button type="submit">Opprett</button>
          </ActionForm>
        </section>
      )}
    </main>
  );
}
