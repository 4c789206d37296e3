import { platformLabel } from "@/lib/intl/labels";
import { z } from "zod";
import { ComparisonPanel } from "@/app/components/ComparisonPanel";
import { FilterForm } from "@/app/components/FilterForm";
import { dashboardContext } from "@/lib/dashboard/pageContext";
import { db } from "@/lib/db/client";
import { formatNumber, type UiLocale } from "@/lib/format";
import { hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { getCampaigns } from "@/lib/queries/getCampaigns";
import { MAX_CSV_BYTES } from "@/lib/http/limits";
import { addCampaign, importCampaigns } from "./actions";
import { CsvFileInput } from "./CsvFileInput";

export const dynamic = "force-dynamic";

const SearchSchema = z.object({
  saved: z.coerce.number().int().min(0).optional().catch(undefined),
  error: z.string().max(2_000).optional().catch(undefined),
});

export default async function CampaignsPage(props: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await props.params;
  const agency = await requireVisibleAgency(slug);
  const { saved, error } = SearchSchema.parse(await props.searchParams);
  const locale: UiLocale = agency.locale;
  const { accounts, campaigns } = await getCampaigns(db(), agency.id);
  const ctx = await dashboardContext(props);
  const admin = hasRole(agency, "admin");
  const when = (d: Date) =>
    new Intl.DateTimeFormat("nb-NO", { timeZone: agency.timeZone, dateStyle: "short", timeStyle: "short" }).format(d);
  const share = (part: number | null, whole: number | null) =>
    part === null || !whole ? "–" : `${Math.round((100 * part) / whole)} %`;
  const accountName = new Map(accounts.map((a) => [a.id, `${platformLabel(a.platform, locale)} · ${a.displayName}`]));
  const accountSelect = (id: string) => (
    <p>
      <label htmlFor={id}>Kanal</label>{" "}
      <select id={id} name="accountId" required>
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {accountName.get(a.id)}
          </option>
        ))}
      </select>
    </p>
  );

  return (
    <div data-page="campaigns">
      <h1>E-post og push: {agency.name}</h1>
      <p className="meta">Kanaler uten åpent API. Nådd mot målgruppe, og åpninger og klikk der de er kjent.</p>
      {saved !== undefined && (
        <p role="status">
          Lagret {formatNumber(saved, locale)} kampanje{saved === 1 ? "" : "r"}.
        </p>
      )}
      {error && (
        <p role="alert" className="run-error">
          {error}
        </p>
      )}
      {campaigns.length === 0 ? (
        <p>Ingen kampanjer registrert.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Kampanjer">
          <table data-campaigns>
            <caption className="visually-hidden">Kampanjer</caption>
            <thead>
              <tr>
                <th scope="col">Kampanje</th>
                <th scope="col">Kanal</th>
                <th scope="col">Sendt</th>
                <th scope="col" className="num">
                  Sendt til
                </th>
                <th scope="col" className="num">
                  Nådd
                </th>
                <th scope="col" className="num">
                  Målgruppe
                </th>
                <th scope="col" className="num">
                  Andel nådd
                </th>
                <th scope="col" className="num">
                  Åpnet
                </th>
                <th scope="col" className="num">
                  Klikk
                </th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>{accountName.get(c.accountId)}</td>
                  <td>{when(c.sentAt)}</td>
                  <td className="num">{formatNumber(c.sent, locale)}</td>
                  <td className="num">{formatNumber(c.reached, locale)}</td>
                  <td className="num">{formatNumber(c.targetPopulation, locale)}</td>
                  <td className="num">{share(c.reached, c.targetPopulation)}</td>
                  <td className="num">{formatNumber(c.opens, locale)}</td>
                  <td className="num">{formatNumber(c.clicks, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {admin && accounts.length > 0 && (
        <>
          <h2>Registrer en kampanje</h2>
          <form action={addCampaign.bind(null, slug)}>
            {accountSelect("campaign-account")}
            <p>
              <label htmlFor="c-name">Navn</label> <input id="c-name" name="name" required maxLength={300} />
            </p>
            <p>
              <label htmlFor="c-sent-at">Sendt (dato og tid)</label>{" "}
              <input id="c-sent-at" name="sentAt" type="datetime-local" required />
            </p>
            {(
              [
                ["sent", "Sendt til"],
                ["reached", "Nådd"],
                ["targetPopulation", "Målgruppe"],
                ["opens", "Åpnet"],
                ["clicks", "Klikk"],
              ] as const
            ).map(([name, label]) => (
              <p key={name}>
                <label htmlFor={`c-${name}`}>{label}</label>{" "}
                <input id={`c-${name}`} name={name} type="number" min={0} inputMode="numeric" />
              </p>
            ))}
            <button type="submit">Lagre kampanjen</button>
          </form>
          <h2>Importer fra CSV</h2>
          <p className="meta">
            Kolonner: name;sent_at;sent;reached;target;opens;clicks (semikolon eller komma; tomt felt = ukjent).
          </p>
          <form action={importCampaigns.bind(null, slug)}>
            {accountSelect("import-account")}
            <p>
              <label htmlFor="c-file">CSV-fil</label>{" "}
              <CsvFileInput id="c-file" maxBytes={MAX_CSV_BYTES} tooLarge="Filen er større enn 1 MB." />
            </p>
            <button type="submit">Importer</button>
          </form>
        </>
      )}
      {/* Campaigns sent in a period beside the previous one or the same one last year (lib/queries/getPeriodComparison.ts). */}
      <FilterForm
        locale={ctx.locale}
        filters={ctx.filters}
        range={ctx.range}
        errors={ctx.errors}
        notices={ctx.notices}
        showBucket={false}
      />
      <ComparisonPanel agency={ctx.agency} scope={ctx.scope} filters={ctx.filters} />
    </div>
  );
}
