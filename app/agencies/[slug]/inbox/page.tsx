import { z } from "zod";
import { db } from "@/lib/db/client";
import { formatNumber } from "@/lib/format";
import { INPUT_KIND_LABEL, LINK_STATUS_LABEL, PLATFORM_LABEL, TRIAGE_LABEL } from "@/lib/i18n";
import { hasRole, requireVisibleAgency } from "@/lib/permissions/access";
import { getInboxReplies } from "@/lib/queries/getInboxReplies";
import { getKeywordRules } from "@/lib/queries/getKeywordRules";
import { getRetentionMonths } from "@/lib/queries/getRetentionMonths";
import { getWorkItems } from "@/lib/queries/getWorkItems";
import { ActionForm } from "../_inputs/ActionForm";
import { formatInstant } from "../_inputs/format";
import { InputsHeader } from "../_inputs/InputsNav";
import { addRuleAction, eraseSubjectAction, linkAction, removeRuleAction, retentionAction, triageAction } from "./actions";
import { safeHref } from "../_inputs/safeHref";
import "../_inputs/inputs.css";

export const dynamic = "force-dynamic";

const PAGE = 50;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const SearchSchema = z.object({
  channel: z.uuid().optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(["all", "new", "suggested", "input", "dismissed"]).catch("all").default("all"),
  reply: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

const KINDS = Object.entries(INPUT_KIND_LABEL) as [keyof typeof INPUT_KIND_LABEL, string][];

export default async function InboxPage(props: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await props.params;
  const agency = await requireVisibleAgency(slug);
  const f = SearchSchema.parse(await props.searchParams);
  const canEdit = hasRole(agency, "editor");
  const isAdmin = hasRole(agency, "admin");
  const [channels, inbox, workItems, rules, retention] = await Promise.all([
    db().account.findMany({ where: { agencyId: agency.id }, select: { id: true, platform: true, handle: true }, orderBy: [{ platform: "asc" }, { handle: "asc" }] }),
    f.reply
      ? getInboxReplies(db(), { agencyId: agency.id, timeZone: agency.timeZone, replyId: f.reply })
      : getInboxReplies(db(), { agencyId: agency.id, timeZone: agency.timeZone, accountId: f.channel, from: f.from, to: f.to, q: f.q, status: f.status, limit: PAGE, offset: (f.page - 1) * PAGE }),
    getWorkItems(db(), agency.id),
    getKeywordRules(db(), agency.id),
    getRetentionMonths(db(), agency.id),
  ]);
  const query = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ channel: f.channel, from: f.from, to: f.to, q: f.q, status: f.status })) if (v) p.set(k, v);
    p.set("page", String(page));
    return `?${p}`;
  };
  const first = (f.page - 1) * PAGE + 1;

  return (
    <main id="main">
      <InputsHeader slug={agency.slug} agencyName={agency.name} title="Innboks: svar og kommentarer" current="inbox" />

      <form method="get" className="filters" aria-label="Filtrer svarene">
        <label>Kanal
          <select name="channel" defaultValue={f.channel ?? ""}>
            <option value="">Alle kanaler</option>
            {channels.map((c) => <option key={c.id} value={c.id}>{PLATFORM_LABEL[c.platform]} · {c.handle}</option>)}
          </select>
        </label>
        <label>Fra dato<input type="date" name="from" defaultValue={f.from} /></label>
        <label>Til dato<input type="date" name="to" defaultValue={f.to} /></label>
        <label>Tekst inneholder<input type="search" name="q" defaultValue={f.q} /></label>
        <label>Status
          <select name="status" defaultValue={f.status}>
            <option value="all">Alle</option>
            {(["new", "suggested", "input", "dismissed"] as const).map((s) => <option key={s} value={s}>{TRIAGE_LABEL[s]}</option>)}
          </select>
        </label>
        <button type="submit">Filtrer</button>
      </form>

      <h2>Svar</h2>
      <p role="status">
        {inbox.total === 0 ? "Ingen svar passer filteret." : `Viser ${formatNumber(first, "nb")}–${formatNumber(Math.min(first + inbox.rows.length - 1, inbox.total), "nb")} av ${formatNumber(inbox.total, "nb")} svar.`}
      </p>
      <ol className="inbox-list">
        {inbox.rows.map((r) => {
          const state = r.triage?.state ?? "new";
          const textId = `reply-${r.id}`;
          return (
            <li key={r.id} data-reply-id={r.id} data-triage={state} aria-labelledby={`${textId}-meta`}>
              <p className="meta" id={`${textId}-meta`}>
                {PLATFORM_LABEL[r.platform]} · {r.accountHandle} · {formatInstant(r.publishedAt, agency.timeZone)} · forfatter {r.pseudonym}
                {safeHref(r.permalink) && <> · <a href={safeHref(r.permalink)!} rel="noopener noreferrer">åpne svaret</a></>}
              </p>
              <p className="reply-text" id={textId}>{r.text}</p>
              <p>
                <span className="badge" data-status={state}>{TRIAGE_LABEL[state]}{r.triage?.kind && state !== "dismissed" ? `: ${INPUT_KIND_LABEL[r.triage.kind]}` : ""}</span>
                {state === "suggested" && r.triage?.matchedRule && <span className="meta">Nøkkelord «{r.triage.matchedRule}» – bekreft eller avvis.</span>}
              </p>
              {r.links.length > 0 && (
                <ul aria-label="Koblet til arbeid">
                  {r.links.map((l) => (
                    <li key={l.id}><a href={`/agencies/${agency.slug}/work-items/${l.workItemId}`}>{l.workItemTitle}</a>: {LINK_STATUS_LABEL[l.status]}</li>
                  ))}
                </ul>
              )}
              {canEdit && (
                <div className="actions">
                  <ActionForm action={triageAction} className="actions" label="Vurder svaret" testId="triage">
                    <input type="hidden" name="slug" value={agency.slug} />
                    <input type="hidden" name="replyId" value={r.id} />
                    <input type="hidden" name="version" value={state === "suggested" || state === "new" ? 0 : r.triage!.version} />
                    {state !== "input" && (
                      <>
                        <div className="field">
                          <label htmlFor={`kind-${r.id}`}>Type innspill</label>
                          <select id={`kind-${r.id}`} name="kind" defaultValue={r.triage?.kind ?? "suggestion"}>
                            {KINDS.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
                          </select>
                        </div>
                        <button type="submit" name="state" value="input">Marker som innspill</button>
                      </>
                    )}
                    {state !== "dismissed" && r.links.length === 0 && (
                      <button type="submit" name="state" value="dismissed">{state === "input" ? "Avvis likevel" : "Avvis"}</button>
                    )}
                  </ActionForm>
                  {state === "input" && workItems.length > 0 && (
                    <ActionForm action={linkAction} className="actions" label="Koble til politikkarbeid" testId="link">
                      <input type="hidden" name="slug" value={agency.slug} />
                      <input type="hidden" name="replyId" value={r.id} />
                      <div className="field">
                        <label htmlFor={`work-${r.id}`}>Arbeid</label>
                        <select id={`work-${r.id}`} name="workItemId" defaultValue="">
                          <option value="" disabled>Velg arbeid</option>
                          {workItems.filter((w) => !r.links.some((l) => l.workItemId === w.id)).map((w) => (
                            <option key={w.id} value={w.id}>{w.title}{w.caseNumber ? ` (${w.caseNumber})` : ""}</option>
                          ))}
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`note-${r.id}`}>Notat (valgfritt)</label>
                        <input id={`note-${r.id}`} type="text" name="note" maxLength={2000} />
                      </div>
                      <button type="submit">Koble til arbeid</button>
                    </ActionForm>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {!f.reply && (
        <nav aria-label="Sider" className="pager">
          {f.page > 1 && <a href={query(f.page - 1)}>← Forrige side</a>}
          {first + inbox.rows.length - 1 < inbox.total && <a href={query(f.page + 1)}>Neste side →</a>}
        </nav>
      )}

      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">Nøkkelordregler</h2>
        <p>Svar som inneholder et nøkkelord – også inne i sammensatte ord og bøyde former («fastlege» finner «fastlegene» og «fastlegeordningen») – foreslås som innspill. En person bekrefter.</p>
        {rules.length === 0 ? <p className="meta">Ingen regler ennå.</p> : (
          <ul>
            {rules.map((rule) => (
              <li key={rule.id}>
                «{rule.keyword}» → {INPUT_KIND_LABEL[rule.kind]}
                {canEdit && (
                  <ActionForm action={removeRuleAction} label={`Fjern regelen ${rule.keyword}`}>
                    <input type="hidden" name="slug" value={agency.slug} />
                    <input type="hidden" name="ruleId" value={rule.id} />
                    <button type="submit">Fjern «{rule.keyword}»</button>
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
        {canEdit && (
          <ActionForm action={addRuleAction} className="actions" label="Ny nøkkelordregel">
            <input type="hidden" name="slug" value={agency.slug} />
            <label className="field">Nøkkelord<input type="text" name="keyword" required minLength={2} maxLength={80} /></label>
            <label className="field">Type
              <select name="kind" defaultValue="suggestion">{KINDS.map(([k, label]) => <option key={k} value={k}>{label}</option>)}</select>
            </label>
            <button type="submit">Legg til regel</button>
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">Personvern</h2>
        <p>
          Forfattere vises bare som pseudonym. Svar som ikke er koblet til politikkarbeid slettes etter <strong>{retention} måneder</strong>;
          innspill som er koblet til et arbeid, beholdes sammen med saken.
        </p>
        {isAdmin && (
          <>
            <ActionForm action={retentionAction} className="actions" label="Oppbevaringstid">
              <input type="hidden" name="slug" value={agency.slug} />
              <label className="field">Oppbevaringstid (måneder)<input type="number" name="months" min={1} max={240} defaultValue={retention} required /></label>
              <button type="submit">Lagre oppbevaringstid</button>
            </ActionForm>
            <h3>Innsyn og sletting for én forfatter</h3>
            <form method="post" action={`/api/agencies/${agency.slug}/inputs/subject`} className="actions" aria-label="Last ned alt om én forfatter">
              <label className="field">Brukernavn på plattformen<input type="text" name="handle" required maxLength={200} autoComplete="off" /></label>
              <button type="submit">Last ned alt vi har lagret (JSON)</button>
            </form>
            <ActionForm action={eraseSubjectAction} className="actions" label="Slett alt om én forfatter">
              <input type="hidden" name="slug" value={agency.slug} />
              <label className="field">Brukernavn på plattformen<input type="text" name="handle" required maxLength={200} autoComplete="off" /></label>
              <label><input type="checkbox" name="confirm" value="yes" required /> Jeg bekrefter at alt om denne forfatteren skal slettes</label>
              <button type="submit">Slett</button>
            </ActionForm>
          </>
        )}
      </section>
    </main>
  );
}
