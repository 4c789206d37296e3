import { z } from "zod";
import { db } from "@/lib/db/client";
import { listAgencyAccounts } from "@/lib/queries/listAgencyAccounts";
import { formatDay, formatNumber, intlLocale } from "@/lib/format";
import { platformLabel } from "@/lib/intl/labels";
import { agencyPageContext } from "@/lib/dashboard/agencyPageContext";
import type { PageProps } from "@/lib/dashboard/pageContext";
import { hasRole } from "@/lib/permissions/access";
import { getInputOutcome, type OutcomeFigures } from "@/lib/queries/getInputOutcome";
import { getOutcomeByWorkItem } from "@/lib/queries/getOutcomeByWorkItem";
import { localDay } from "@/lib/time";
import { formatDecimal, formatShare } from "../_inputs/format";
import { formatDateTime } from "@/lib/format";
import { InputsHeader } from "../_inputs/InputsNav";
import { withAgencyLang } from "@/lib/intl/requestLocale";
import { Permalink } from "../_inputs/Permalink";
import { ScopeFields } from "../_inputs/ScopeFields";
import { FunnelChart } from "./FunnelChart";
import { InputsPage } from "../_inputs/InputsPage";
import "../_inputs/inputs.css";

const FUNNEL_STEPS = ["replies", "inputs", "linked", "reviewed", "forwarded", "reached", "implemented"] as const;

export const dynamic = "force-dynamic";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const SearchSchema = z.object({
  channel: z.uuid().optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
});

const FIRST_DAY = "2000-01-01";

function funnelCounts(f: OutcomeFigures): number[] {
  return [f.replies, f.inputs, f.linked, f.reviewed, f.forwarded, f.reached, f.implemented];
}

export default async function OutcomesPage(props: PageProps) {
  const { agency, search, lang, t } = await agencyPageContext(props, "inputs");
  const f = SearchSchema.parse(search);
  const today = localDay(new Date(), agency.timeZone);
  const from = f.from ?? FIRST_DAY;
  const to = f.to ?? today;
  const params = { agencyId: agency.id, timeZone: agency.timeZone, from, to, accountId: f.channel };
  const [channels, outcome, byItem] = await Promise.all([
    listAgencyAccounts(db(), agency.id),
    getInputOutcome(db(), params),
    getOutcomeByWorkItem(db(), params),
  ]);
  const total = outcome.total;
  const num = (n: number) => formatNumber(n, lang);
  const share = (a: number, b: number) => formatShare(a, b, lang);
  const days = (d: number | null) => (d === null ? "–" : t("days", { d, days: formatDecimal(d, lang) }));
  const period =
    f.from || f.to ? `${f.from ? formatDay(f.from, lang) : t("start")}–${formatDay(to, lang)}` : t("wholePeriod");
  const channel = f.channel ? channels.find((c) => c.id === f.channel) : null;
  const scope = channel ? `${platformLabel(channel.platform, lang)} ${channel.handle}` : t("allChannels").toLowerCase();
  const summary = t("summary", {
    agency: agency.name,
    scope,
    period,
    inputs: total.inputs,
    replies: total.replies,
    reviewed: share(total.reviewed, total.inputs),
    reached: total.reached,
    reachedShare: share(total.reached, total.inputs),
    median: days(total.medianDaysToDecision),
  });
  // The exports take the dashboard's filters: the same period as a custom range, or everything.
  const exportQuery = new URLSearchParams({ range: "custom", from, to, ...(f.channel ? { channel: f.channel } : {}) });
  const steps = FUNNEL_STEPS.map((k, i) => [t(`steps.${k}`), i] as const).map(
    ([label, i]) => [label, funnelCounts(total)[i]!] as const,
  );
  // The chart starts at the inputs: beside thousands of replies the later steps would not be visible.
  const chartSteps = steps.slice(1);

  return (
    <InputsPage>
      <InputsHeader
        slug={agency.slug}
        agencyName={agency.name}
        title={t("outcomesTitle")}
        current="outcomes"
        t={t}
        lang={lang}
        agencyLocale={agency.locale}
      />
      <form method="get" className="filters" aria-label={t("chooseScope")}>
        <ScopeFields t={t} lang={lang} agencyLocale={agency.locale} channels={channels} chosen={f} />
        <button type="submit">{t("show")}</button>
      </form>

      <p data-testid="outcome-summary">{summary}</p>
      <p className="exports-inline">
        {t("downloadCsv")}:{" "}
        <a href={`/api/agencies/${agency.slug}/export/outcomes?${exportQuery}`} download>
          {t("exportFunnel")}
        </a>
        {hasRole(agency, "editor") && (
          <>
            {" "}
            ·{" "}
            <a href={`/api/agencies/${agency.slug}/export/outcome-inputs?${exportQuery}`} download>
              {t("exportInputs")}
            </a>
          </>
        )}
      </p>

      <figure>
        <figcaption>
          <strong>{t("funnelTitle")}</strong> {t("funnelNote")}
        </figcaption>
        <FunnelChart
          labels={chartSteps.map((s) => s[0])}
          values={chartSteps.map((s) => s[1])}
          ariaLabel={`${t("funnelAria")}: ${summary}`}
          seriesLabel={t("inputsCol")}
          locale={intlLocale(lang)}
        />
        <details>
          <summary>{t("showTable")}</summary>
          <table data-testid="funnel-table">
            <caption className="visually-hidden">{t("funnelCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("step")}</th>
                <th scope="col" className="num">
                  {t("count")}
                </th>
                <th scope="col" className="num">
                  {t("shareOfInputs")}
                </th>
              </tr>
            </thead>
            <tbody>
              {steps.map(([label, n], i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td className="num">{num(n)}</td>
                  <td className="num">{i === 0 ? "–" : share(n, total.inputs)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t("declined")}</th>
                <td className="num">{num(total.declined)}</td>
                <td className="num">{share(total.declined, total.inputs)}</td>
              </tr>
            </tbody>
          </table>
        </details>
      </figure>

      <p className="meta">{t("definitions")}</p>

      <h2>{t("perChannel")}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("perChannelCaption")}>
        <table>
          <caption className="visually-hidden">{t("perChannelCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("channel")}</th>
              <th scope="col" className="num">
                {t("replies")}
              </th>
              <th scope="col" className="num">
                {t("inputsCol")}
              </th>
              <th scope="col" className="num">
                {t("shareReviewed")}
              </th>
              <th scope="col" className="num">
                {t("shareReached")}
              </th>
              <th scope="col" className="num">
                {t("medianCol")}
              </th>
            </tr>
          </thead>
          <tbody>
            {outcome.channels.map((c) => (
              <tr key={c.accountId}>
                <th scope="row">
                  {platformLabel(c.platform, lang)} · {c.handle}
                </th>
                <td className="num">{num(c.replies)}</td>
                <td className="num">{num(c.inputs)}</td>
                <td className="num">{share(c.reviewed, c.inputs)}</td>
                <td className="num">{share(c.reached, c.inputs)}</td>
                <td className="num">{days(c.medianDaysToDecision)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("shaped")}</h2>
      {byItem.map((item) => {
        const reached = item.inputs.filter((i) => i.reached);
        const others = item.inputs.filter((i) => !i.reached);
        return (
          <section key={item.id} className="card" aria-labelledby={`item-${item.id}`} data-work-item={item.title}>
            <h3 id={`item-${item.id}`}>
              <a href={withAgencyLang(`/agencies/${agency.slug}/work-items/${item.id}`, lang, agency)}>{item.title}</a>
              {item.caseNumber && (
                <span className="meta">
                  {" "}
                  ({t("caseShort")} {item.caseNumber})
                </span>
              )}
            </h3>
            <p>{t("reachedOf", { a: reached.length, b: item.inputs.length })}</p>
            {reached.length > 0 && (
              <ul data-testid="reached-inputs">
                {reached.map((i) => (
                  <li key={i.linkId}>
                    <span className="badge badge-reached">{t(`linkStatus.${i.status}`)}</span>
                    <span className="reply-text">{i.text}</span>{" "}
                    <span className="meta">
                      {platformLabel(i.platform, lang)} {formatDateTime(i.publishedAt, lang, agency.timeZone)}
                    </span>
                    <Permalink url={i.permalink} text={t("permalink")} />
                  </li>
                ))}
              </ul>
            )}
            {others.length > 0 && (
              <details>
                <summary>{t("otherLinked", { n: others.length })}</summary>
                <ul>
                  {others.map((i) => (
                    <li key={i.linkId}>
                      <span className="badge">{t(`linkStatus.${i.status}`)}</span>{" "}
                      <span className="reply-text">{i.text}</span>
                      <Permalink url={i.permalink} text={t("permalink")} />
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>
        );
      })}
    </InputsPage>
  );
}
