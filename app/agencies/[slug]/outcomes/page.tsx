import { z } from "zod";
import { db } from "@/lib/db/client";
import { formatDay, formatNumber } from "@/lib/format";
import { LINK_STATUS_LABEL, PLATFORM_LABEL } from "@/lib/i18n";
import { requireVisibleAgency } from "@/lib/permissions/access";
import { getInputOutcome, type OutcomeFigures } from "@/lib/queries/getInputOutcome";
import { getOutcomeByWorkItem } from "@/lib/queries/getOutcomeByWorkItem";
import { localDay } from "@/lib/time";
import { formatInstant, formatShare } from "../_inputs/format";
import { InputsHeader } from "../_inputs/InputsNav";
import { FunnelChart } from "./FunnelChart";
import { safeHref } from "../_inputs/safeHref";
import "../_inputs/inputs.css";

export const dynamic = "force-dynamic";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const SearchSchema = z.object({
  channel: z.uuid().optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
});

const FIRST_DAY = "2000-01-01";

function funnel(f: OutcomeFigures): [string, number][] {
  return [
    ["Svar mottatt", f.replies],
    ["Markert som innspill", f.inputs],
    ["Koblet til arbeid", f.linked],
    ["Vurdert", f.reviewed],
    ["Videresendt", f.forwarded],
    ["Nådde arbeidet", f.reached],
    ["Gjennomført", f.implemented],
  ];
}

const days = (d: number | null) => (d === null ? "–" : `${new Intl.NumberFormat("nb-NO", { maximumFractionDigits: 1 }).format(d)} dager`);

export default async function OutcomesPage(props: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await props.params;
  const agency = await requireVisibleAgency(slug);
  const f = SearchSchema.parse(await props.searchParams);
  const today = localDay(new Date(), agency.timeZone);
  const from = f.from ?? FIRST_DAY;
  const to = f.to ?? today;
  const params = { agencyId: agency.id, timeZone: agency.timeZone, from, to, accountId: f.channel };
  const [channels, outcome, byItem] = await Promise.all([
    db().account.findMany({ where: { agencyId: agency.id }, select: { id: true, platform: true, handle: true }, orderBy: [{ platform: "asc" }, { handle: "asc" }] }),
    getInputOutcome(db(), params),
    getOutcomeByWorkItem(db(), params),
  ]);
  const t = outcome.total;
  const period = f.from || f.to ? `${f.from ? formatDay(f.from, "nb") : "start"}–${formatDay(to, "nb")}` : "hele perioden";
  const channelName = f.channel ? channels.find((c) => c.id === f.channel) : null;
  const scope = channelName ? `${PLATFORM_LABEL[channelName.platform]} ${channelName.handle}` : "alle kanaler";
  const summary = `${agency.name}, ${scope}, ${period}: ${formatNumber(t.inputs, "nb")} innspill av ${formatNumber(t.replies, "nb")} svar; ${formatShare(t.reviewed, t.inputs)} er vurdert og ${formatNumber(t.reached, "nb")} (${formatShare(t.reached, t.inputs)}) nådde politikkarbeidet. Median tid fra svar til beslutning: ${days(t.medianDaysToDecision)}.`;
  const steps = funnel(t);
  // The chart starts at the inputs: beside thousands of replies the later steps would not be visible.
  const chartSteps = steps.slice(1);

  return (
    <main id="main">
      <InputsHeader slug={agency.slug} agencyName={agency.name} title="Hva nådde fram: fra svar til politikk" current="outcomes" />
      <form method="get" className="filters" aria-label="Velg kanal og periode">
        <label>Kanal
          <select name="channel" defaultValue={f.channel ?? ""}>
            <option value="">Alle kanaler</option>
            {channels.map((c) => <option key={c.id} value={c.id}>{PLATFORM_LABEL[c.platform]} · {c.handle}</option>)}
          </select>
        </label>
        <label>Fra dato<input type="date" name="from" defaultValue={f.from} /></label>
        <label>Til dato<input type="date" name="to" defaultValue={f.to} /></label>
        <button type="submit">Vis</button>
      </form>

      <p data-testid="outcome-summary">{summary}</p>

      <figure>
        <figcaption><strong>Trakten fra innspill til politikk</strong> (antall innspill som kom minst så langt)</figcaption>
        <FunnelChart labels={chartSteps.map((s) => s[0])} values={chartSteps.map((s) => s[1])} ariaLabel={`Trakt: ${summary}`} />
        <details>
          <summary>Vis tallene som tabell</summary>
          <table data-testid="funnel-table">
            <caption className="visually-hidden">Trakten som tabell</caption>
            <thead><tr><th scope="col">Steg</th><th scope="col" className="num">Antall</th><th scope="col" className="num">Andel av innspillene</th></tr></thead>
            <tbody>
              {steps.map(([label, n], i) => (
                <tr key={label}><th scope="row">{label}</th><td className="num">{formatNumber(n, "nb")}</td><td className="num">{i === 0 ? "–" : formatShare(n, t.inputs)}</td></tr>
              ))}
              <tr><th scope="row">Avslått</th><td className="num">{formatNumber(t.declined, "nb")}</td><td className="num">{formatShare(t.declined, t.inputs)}</td></tr>
            </tbody>
          </table>
        </details>
      </figure>

      <p className="meta">
        Et svar telles i perioden det ble skrevet. «Vurdert»: minst én kobling er tatt videre fra «Mottatt» (også avslag).
        «Nådde arbeidet»: tatt inn i arbeidet eller gjennomført. Beslutning: første gang et innspill ble tatt inn eller avslått.
      </p>

      <h2>Per kanal</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Resultater per kanal">
        <table>
          <caption className="visually-hidden">Innspill og resultater per kanal</caption>
          <thead>
            <tr><th scope="col">Kanal</th><th scope="col" className="num">Svar</th><th scope="col" className="num">Innspill</th><th scope="col" className="num">Andel vurdert</th><th scope="col" className="num">Andel som nådde arbeidet</th><th scope="col" className="num">Median tid til beslutning</th></tr>
          </thead>
          <tbody>
            {outcome.channels.map((c) => (
              <tr key={c.accountId}>
                <th scope="row">{PLATFORM_LABEL[c.platform]} · {c.handle}</th>
                <td className="num">{formatNumber(c.replies, "nb")}</td>
                <td className="num">{formatNumber(c.inputs, "nb")}</td>
                <td className="num">{formatShare(c.reviewed, c.inputs)}</td>
                <td className="num">{formatShare(c.reached, c.inputs)}</td>
                <td className="num">{days(c.medianDaysToDecision)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Innspill som formet arbeidet</h2>
      {byItem.map((item) => {
        const reached = item.inputs.filter((i) => i.reached);
        const others = item.inputs.filter((i) => !i.reached);
        return (
          <section key={item.id} className="card" aria-labelledby={`item-${item.id}`} data-work-item={item.title}>
            <h3 id={`item-${item.id}`}><a href={`/agencies/${agency.slug}/work-items/${item.id}`}>{item.title}</a>{item.caseNumber && <span className="meta"> (sak {item.caseNumber})</span>}</h3>
            <p>{formatNumber(reached.length, "nb")} av {formatNumber(item.inputs.length, "nb")} koblede innspill nådde arbeidet.</p>
            {reached.length > 0 && (
              <ul data-testid="reached-inputs">
                {reached.map((i) => (
                  <li key={i.linkId}>
                    <span className="badge badge-reached">{LINK_STATUS_LABEL[i.status]}</span>
                    <span className="reply-text">{i.text}</span>{" "}
                    <span className="meta">{PLATFORM_LABEL[i.platform]} {formatInstant(i.publishedAt, agency.timeZone)}</span>
                    {safeHref(i.permalink) && <> · <a href={safeHref(i.permalink)!} rel="noopener noreferrer">permalenke</a></>}
                  </li>
                ))}
              </ul>
            )}
            {others.length > 0 && (
              <details>
                <summary>Øvrige koblede innspill ({others.length})</summary>
                <ul>
                  {others.map((i) => (
                    <li key={i.linkId}>
                      <span className="badge">{LINK_STATUS_LABEL[i.status]}</span> <span className="reply-text">{i.text}</span>
                      {safeHref(i.permalink) && <> · <a href={safeHref(i.permalink)!} rel="noopener noreferrer">permalenke</a></>}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>
        );
      })}
    </main>
  );
}
