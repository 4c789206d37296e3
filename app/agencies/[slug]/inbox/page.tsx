import { z } from "zod";
import { db } from "@/lib/db/client";
import { listAgencyAccounts } from "@/lib/queries/listAgencyAccounts";
import { platformLabel } from "@/lib/intl/labels";
import { agencyPageContext } from "@/lib/dashboard/agencyPageContext";
import type { PageProps } from "@/lib/dashboard/pageContext";
import { hasRole } from "@/lib/permissions/access";
import { getInboxReplies } from "@/lib/queries/getInboxReplies";
import { getKeywordRules } from "@/lib/queries/getKeywordRules";
import { getRetentionMonths } from "@/lib/queries/getRetentionMonths";
import { getWorkItems } from "@/lib/queries/getWorkItems";
import { ActionForm } from "../_inputs/ActionForm";
import { formatDateTime } from "@/lib/format";
import { InputsHeader } from "../_inputs/InputsNav";
import { withAgencyLang } from "@/lib/intl/requestLocale";
import {
  addRuleAction,
  eraseSubjectAction,
  linkAction,
  removeRuleAction,
  retentionAction,
  triageAction,
} from "./actions";
import { Permalink } from "../_inputs/Permalink";
import { ScopeFields } from "../_inputs/ScopeFields";
import { InputsPage } from "../_inputs/InputsPage";
import "../_inputs/inputs.css";

const INPUT_KINDS = ["suggestion", "question", "complaint", "information"] as const;

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

export default async function InboxPage(props: PageProps) {
  const { agency, search, lang, t } = await agencyPageContext(props, "inputs");
  const f = { ...SearchSchema.parse(search), lang };
  const KINDS = INPUT_KINDS.map((k) => [k, t(`kind.${k}`)] as const);
  const canEdit = hasRole(agency, "editor");
  const isAdmin = hasRole(agency, "admin");
  const [channels, inbox, workItems, rules, retention] = await Promise.all([
    listAgencyAccounts(db(), agency.id),
    f.reply
      ? getInboxReplies(db(), { agencyId: agency.id, timeZone: agency.timeZone, replyId: f.reply })
      : getInboxReplies(db(), {
          agencyId: agency.id,
          timeZone: agency.timeZone,
          accountId: f.channel,
          from: f.from,
          to: f.to,
          q: f.q,
          status: f.status,
          limit: PAGE,
          offset: (f.page - 1) * PAGE,
        }),
    getWorkItems(db(), agency.id),
    getKeywordRules(db(), agency.id),
    getRetentionMonths(db(), agency.id),
  ]);
  const query = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({
      channel: f.channel,
      from: f.from,
      to: f.to,
      q: f.q,
      status: f.status,
      lang: f.lang === agency.locale ? undefined : f.lang,
    }))
      if (v) p.set(k, v);
    p.set("page", String(page));
    return `?${p}`;
  };
  const first = (f.page - 1) * PAGE + 1;

  return (
    <InputsPage>
      <InputsHeader
        slug={agency.slug}
        agencyName={agency.name}
        title={t("inboxTitle")}
        current="inbox"
        t={t}
        lang={f.lang}
        agencyLocale={agency.locale}
      />

      <form method="get" className="filters" aria-label={t("filterReplies")}>
        <ScopeFields t={t} lang={f.lang} agencyLocale={agency.locale} channels={channels} chosen={f} />
        <label>
          {t("textContains")}
          <input type="search" name="q" defaultValue={f.q} />
        </label>
        <label>
          {t("status")}
          <select name="status" defaultValue={f.status}>
            <option value="all">{t("all")}</option>
            {(["new", "suggested", "input", "dismissed"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`triage.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("filter")}</button>
      </form>

      <h2>{t("replies")}</h2>
      <p role="status">
        {inbox.total === 0
          ? t("noReplies")
          : t("showing", { a: first, b: Math.min(first + inbox.rows.length - 1, inbox.total), total: inbox.total })}
      </p>
      <ol className="inbox-list">
        {inbox.rows.map((r) => {
          const state = r.triage?.state ?? "new";
          const textId = `reply-${r.id}`;
          return (
            <li key={r.id} data-reply-id={r.id} data-triage={state} aria-labelledby={`${textId}-meta`}>
              <p className="meta" id={`${textId}-meta`}>
                {platformLabel(r.platform, f.lang)} · {r.accountHandle} ·{" "}
                {formatDateTime(r.publishedAt, f.lang, agency.timeZone)} · {t("author")} {r.pseudonym}
                <Permalink url={r.permalink} text={t("openReply")} />
              </p>
              <p className="reply-text" id={textId}>
                {r.text}
              </p>
              <p>
                <span className="badge" data-status={state}>
                  {t(`triage.${state}`)}
                  {r.triage?.kind && state !== "dismissed" ? `: ${t(`kind.${r.triage.kind}`)}` : ""}
                </span>
                {state === "suggested" && r.triage?.matchedRule && (
                  <span className="meta">{t("ruleMatched", { k: r.triage.matchedRule })}</span>
                )}
              </p>
              {r.links.length > 0 && (
                <ul aria-label={t("linkedTo")}>
                  {r.links.map((l) => (
                    <li key={l.id}>
                      <a href={withAgencyLang(`/agencies/${agency.slug}/work-items/${l.workItemId}`, f.lang, agency)}>
                        {l.workItemTitle}
                      </a>
                      : {t(`linkStatus.${l.status}`)}
                    </li>
                  ))}
                </ul>
              )}
              {canEdit && (
                <div className="actions">
                  <ActionForm
                    lang={f.lang}
                    action={triageAction}
                    className="actions"
                    label={t("assessReply")}
                    testId="triage"
                  >
                    <input type="hidden" name="slug" value={agency.slug} />
                    <input type="hidden" name="replyId" value={r.id} />
                    <input
                      type="hidden"
                      name="version"
                      value={state === "suggested" || state === "new" ? 0 : r.triage!.version}
                    />
                    {state !== "input" && (
                      <>
                        <div className="field">
                          <label htmlFor={`kind-${r.id}`}>{t("inputKind")}</label>
                          <select id={`kind-${r.id}`} name="kind" defaultValue={r.triage?.kind ?? "suggestion"}>
                            {KINDS.map(([k, label]) => (
                              <option key={k} value={k}>
                                {label}
                              </option>
                            ))}
                          </select>
                        </div>
                        <button type="submit" name="state" value="input">
                          {t("markInput")}
                        </button>
                      </>
                    )}
                    {state !== "dismissed" && r.links.length === 0 && (
                      <button type="submit" name="state" value="dismissed">
                        {state === "input" ? t("dismissAnyway") : t("dismiss")}
                      </button>
                    )}
                  </ActionForm>
                  {state === "input" && workItems.length > 0 && (
                    <ActionForm
                      lang={f.lang}
                      action={linkAction}
                      className="actions"
                      label={t("linkToWork")}
                      testId="link"
                    >
                      <input type="hidden" name="slug" value={agency.slug} />
                      <input type="hidden" name="replyId" value={r.id} />
                      <div className="field">
                        <label htmlFor={`work-${r.id}`}>{t("work")}</label>
                        <select id={`work-${r.id}`} name="workItemId" defaultValue="">
                          <option value="" disabled>
                            {t("chooseWork")}
                          </option>
                          {workItems
                            .filter((w) => !r.links.some((l) => l.workItemId === w.id))
                            .map((w) => (
                              <option key={w.id} value={w.id}>
                                {w.title}
                                {w.caseNumber ? ` (${w.caseNumber})` : ""}
                              </option>
                            ))}
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`note-${r.id}`}>{t("noteOptional")}</label>
                        <input id={`note-${r.id}`} type="text" name="note" maxLength={2000} />
                      </div>
                      <button type="submit">{t("linkButton")}</button>
                    </ActionForm>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {!f.reply && (
        <nav aria-label={t("pages")} className="pager">
          {f.page > 1 && <a href={query(f.page - 1)}>{t("prev")}</a>}
          {first + inbox.rows.length - 1 < inbox.total && <a href={query(f.page + 1)}>{t("next")}</a>}
        </nav>
      )}

      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t("rules")}</h2>
        <p>{t("rulesHelp")}</p>
        {rules.length === 0 ? (
          <p className="meta">{t("noRules")}</p>
        ) : (
          <ul>
            {rules.map((rule) => (
              <li key={rule.id}>
                «{rule.keyword}» → {t(`kind.${rule.kind}`)}
                {canEdit && (
                  <ActionForm lang={f.lang} action={removeRuleAction} label={t("removeRule", { k: rule.keyword })}>
                    <input type="hidden" name="slug" value={agency.slug} />
                    <input type="hidden" name="ruleId" value={rule.id} />
                    <button type="submit">{t("removeRule", { k: rule.keyword })}</button>
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
        {canEdit && (
          <ActionForm lang={f.lang} action={addRuleAction} className="actions" label={t("newRule")}>
            <input type="hidden" name="slug" value={agency.slug} />
            <label className="field">
              {t("keyword")}
              <input type="text" name="keyword" required minLength={2} maxLength={80} />
            </label>
            <label className="field">
              {t("type")}
              <select name="kind" defaultValue="suggestion">
                {KINDS.map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t("addRule")}</button>
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{t("privacy")}</h2>
        <p data-testid="retention">{t("retentionText", { months: retention })}</p>
        {isAdmin && (
          <>
            <ActionForm lang={f.lang} action={retentionAction} className="actions" label={t("retentionLabel")}>
              <input type="hidden" name="slug" value={agency.slug} />
              <label className="field">
                {t("retentionLabel")}
                <input type="number" name="months" min={1} max={240} defaultValue={retention} required />
              </label>
              <button type="submit">{t("saveRetention")}</button>
            </ActionForm>
            <h3>{t("subjectHeading")}</h3>
            <form
              method="post"
              action={`/api/agencies/${agency.slug}/inputs/subject`}
              className="actions"
              aria-label={t("exportSubjectLabel")}
            >
              <label className="field">
                {t("handle")}
                <input type="text" name="handle" required maxLength={200} autoComplete="off" />
              </label>
              <button type="submit">{t("exportSubject")}</button>
            </form>
            <ActionForm lang={f.lang} action={eraseSubjectAction} className="actions" label={t("eraseSubjectLabel")}>
              <input type="hidden" name="slug" value={agency.slug} />
              <label className="field">
                {t("handle")}
                <input type="text" name="handle" required maxLength={200} autoComplete="off" />
              </label>
              <label>
                <input type="checkbox" name="confirm" value="yes" required /> {t("confirmErase")}
              </label>
              <button type="submit">{t("erase")}</button>
            </ActionForm>
          </>
        )}
      </section>
    </InputsPage>
  );
}
