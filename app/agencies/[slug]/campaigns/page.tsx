import { platformLabel } from "@/lib/intl/labels";
import { z } from "zod";
import { PeriodControls } from "@/app/components/PeriodControls";
import { dashboardContext } from "@/lib/dashboard/pageContext";
import { db } from "@/lib/db/client";
import { formatDateTime, formatNumber, formatPercent, type UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";
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
  const { accounts, campaigns } = await getCampaigns(db(), agency.id);
  const ctx = await dashboardContext(props);
  const locale: UiLocale = ctx.locale;
  const t = translator(locale, "campaigns");
  const admin = hasRole(agency, "admin");
  const when = (d: Date) => formatDateTime(d, locale, agency.timeZone);
  const share = (part: number | null, whole: number | null) =>
    part === null || !whole ? "–" : formatPercent(part / whole, locale, 0);
  const accountName = new Map(accounts.map((a) => [a.id, `${platformLabel(a.platform, locale)} · ${a.displayName}`]));
  const accountSelect = (id: string) => (
    <p>
      <label htmlFor={id}>{t("col_channel")}</label>{" "}
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
    <div data-page="campaigns" lang={locale}>
      <h1>{t("title", { agency: agency.name })}</h1>
      <p className="meta">{t("intro")}</p>
      {saved !== undefined && <p role="status">{t("saved", { count: saved })}</p>}
      {error && (
        <p role="alert" className="run-error">
          {error}
        </p>
      )}
      {campaigns.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t("table")}>
          <table data-campaigns>
            <caption className="visually-hidden">{t("table")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("col_campaign")}</th>
                <th scope="col">{t("col_channel")}</th>
                <th scope="col">{t("col_sentAt")}</th>
                <th scope="col" className="num">
                  {t("col_sent")}
                </th>
                <th scope="col" className="num">
                  {t("col_reached")}
                </th>
                <th scope="col" className="num">
                  {t("col_target")}
                </th>
                <th scope="col" className="num">
                  {t("col_share")}
                </th>
                <th scope="col" className="num">
                  {t("col_opens")}
                </th>
                <th scope="col" className="num">
                  {t("col_clicks")}
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
          <h2>{t("addTitle")}</h2>
          <form action={addCampaign.bind(null, slug)}>
            {accountSelect("campaign-account")}
            <p>
              <label htmlFor="c-name">{t("name")}</label> <input id="c-name" name="name" required maxLength={300} />
            </p>
            <p>
              <label htmlFor="c-sent-at">{t("sentAt")}</label>{" "}
              <input id="c-sent-at" name="sentAt" type="datetime-local" required />
            </p>
            {(
              [
                ["sent", t("col_sent")],
                ["reached", t("col_reached")],
                ["targetPopulation", t("col_target")],
                ["opens", t("col_opens")],
                ["clicks", t("col_clicks")],
              ] as const
            ).map(([name, label]) => (
              <p key={name}>
                <label htmlFor={`c-${name}`}>{label}</label>{" "}
                <input id={`c-${name}`} name={name} type="number" min={0} inputMode="numeric" />
              </p>
            ))}
            <button type="submit">{t("save")}</button>
          </form>
          <h2>{t("importTitle")}</h2>
          <p className="meta">{t("importHelp")}</p>
          <form action={importCampaigns.bind(null, slug)}>
            {accountSelect("import-account")}
            <p>
              <label htmlFor="c-file">{t("file")}</label>{" "}
              <CsvFileInput id="c-file" maxBytes={MAX_CSV_BYTES} tooLarge={t("tooLarge")} />
            </p>
            <button type="submit">{t("import")}</button>
          </form>
        </>
      )}
      {/* Campaigns sent in a period beside the previous one or the same one last year (lib/queries/getPeriodComparison.ts). */}
      <PeriodControls ctx={ctx} showBucket={false} />
    </div>
  );
}
