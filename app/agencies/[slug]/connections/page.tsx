import { translator } from "@/lib/intl";
import Link from "next/link";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { formatDateTime, formatDay, formatNumber } from "@/lib/format";
import { localDay } from "@/lib/time";
import { platformLabel } from "@/lib/intl/labels";
import { agencyPageContext } from "@/lib/dashboard/agencyPageContext";
import type { PageProps } from "@/lib/dashboard/pageContext";
import { hasRole } from "@/lib/permissions/access";
import { SOCIAL_PLATFORMS, type SocialPlatform } from "@/lib/platforms/types";
import { getConnections } from "@/lib/queries/getConnections";
import { isOAuthPlatform } from "@/lib/platforms/oauth";
import { EXPIRY_WARNING_DAYS } from "@/lib/platforms/tokens";
import { pauseChannelAction, resumeChannelAction } from "./actions";

export const dynamic = "force-dynamic";

const MESSAGES = [
  "added",
  "added_sign_in",
  "restored",
  "paused",
  "resumed",
  "archived",
  "deleted",
  "linked_to_work",
  "connected",
  "oauth_failed",
  "oauth_denied",
  "oauth_unavailable",
  "invalid",
] as const;
const SearchSchema = z.object({
  lang: z.enum(["nb", "sv", "en"]).optional().catch(undefined),
  msg: z.enum(MESSAGES).optional().catch(undefined),
  channel: z.string().max(200).optional().catch(undefined),
});
const DAY_MS = 86_400_000;

export default async function ConnectionsPage(props: PageProps) {
  const { agency, search, lang: locale, t } = await agencyPageContext(props, "connections");
  const { lang, msg, channel } = SearchSchema.parse(search);
  const ct = translator(locale, "channels");
  const admin = hasRole(agency, "admin");
  const langQ = lang ? `&lang=${lang}` : "";
  const message = msg ? ct(`msg_${msg}`, { name: channel ?? "" }) : null;
  const day = (d: Date) => formatDay(localDay(d, agency.timeZone), locale);
  const now = Date.now();
  const { connections, recentRuns } = await getConnections(db(), agency.id);
  const when = (d: Date | null) => (d ? formatDateTime(d, locale, agency.timeZone) : t("never"));
  const names = new Map(connections.map((c) => [c.accountId, `${platformLabel(c.platform, locale)} · ${c.handle}`]));

  return (
    <div data-page="connections">
      <h1>
        {t("title")}: {agency.name}
      </h1>
      <p className="meta">{t("intro")}</p>
      {message && (
        <p
          role="status"
          className={
            msg === "oauth_failed" || msg === "linked_to_work" || msg === "invalid" ? "notice form-error" : "notice"
          }
        >
          {message}
        </p>
      )}
      {admin && (
        <p>
          <Link href={`/agencies/${agency.slug}/connections/add${lang ? `?lang=${lang}` : ""}`}>{ct("addLink")}</Link>
          {" · "}
          <Link href={`/agencies/${agency.slug}/connections/credentials${lang ? `?lang=${lang}` : ""}`}>
            {t("credLink")}
          </Link>
        </p>
      )}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("title")}>
        <table>
          <caption className="visually-hidden">{t("title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("channel")}</th>
              <th scope="col">{t("source")}</th>
              <th scope="col">{t("token")}</th>
              <th scope="col">{t("lastSuccess")}</th>
              <th scope="col">{t("lastRun")}</th>
              <th scope="col">{t("backfill")}</th>
              {admin && <th scope="col">{ct("actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {connections.map((c) => {
              const collected = SOCIAL_PLATFORMS.includes(c.platform as SocialPlatform);
              return (
                <tr key={c.accountId} data-connection={c.handle}>
                  <th scope="row">
                    {platformLabel(c.platform, locale)} · {c.displayName} <span className="meta">({c.handle})</span>
                  </th>
                  <td>{collected ? (c.sandbox ? t("sandbox") : t("real")) : t("noCollector")}</td>
                  <td className={`status-${c.status}`} data-status={c.archived ? "archived" : c.status}>
                    {c.archived ? ct("archived") : t(`status_${c.status}`)}
                    {collected && !c.sandbox && !c.hasCredentials && <span className="meta"> · {t("tokenNone")}</span>}
                    {c.grantExpiresAt && c.grantExpiresAt.getTime() - now < EXPIRY_WARNING_DAYS * DAY_MS ? (
                      <div className="form-error" data-token-warning>
                        {ct("tokenExpiresSoon", { d: day(c.grantExpiresAt) })}
                      </div>
                    ) : c.grantExpiresAt ? (
                      <div className="meta">{ct("tokenExpires", { d: day(c.grantExpiresAt) })}</div>
                    ) : null}
                    {c.accessExpiresAt && c.status === "active" && (
                      <div className="meta" data-token-renewed>
                        {ct("tokenRenewed", { d: when(c.accessExpiresAt) })}
                      </div>
                    )}
                  </td>
                  <td data-last-success>{collected ? when(c.lastSuccessAt) : "–"}</td>
                  <td>
                    {c.lastRun ? (
                      <>
                        <span className={`outcome-${c.lastRun.outcome}`}>{t(`outcome_${c.lastRun.outcome}`)}</span>
                        <span className="meta"> {when(c.lastRun.startedAt)}</span>
                        {c.lastRun.error && <div className="run-error">{c.lastRun.error}</div>}
                        {c.nextCollectAt && c.nextCollectAt > new Date() && (
                          <div className="meta">
                            {t("waitUntil")} {when(c.nextCollectAt)}
                          </div>
                        )}
                        {c.failuresLast24h > 0 && <div className="meta">{t("failures", { n: c.failuresLast24h })}</div>}
                      </>
                    ) : (
                      "–"
                    )}
                  </td>
                  <td data-backfill>
                    {c.backfill ? (
                      <>
                        <progress
                          max={c.backfill.daysTotal}
                          value={c.backfill.daysDone}
                          aria-label={`${t("backfill")}: ${c.handle}`}
                        />{" "}
                        {t("backfillDays", { done: c.backfill.daysDone, total: c.backfill.daysTotal })}
                        {c.backfill.done && ` (${t("backfillDone")})`}
                      </>
                    ) : (
                      "–"
                    )}
                  </td>
                  {admin && (
                    <td className="actions">
                      {collected && (isOAuthPlatform(c.platform) || c.platform === "bluesky") && !c.archived && (
                        // :TRICKY: a plain link, never next/link: its prefetch would call the connect route for every
                        // row in view, and each call starts a sign-in flow whose cookie replaces the one before.
                        <a
                          href={
                            c.platform === "bluesky"
                              ? `/agencies/${agency.slug}/connections/bluesky?account=${c.accountId}${langQ}`
                              : `/agencies/${agency.slug}/connections/connect?account=${c.accountId}${langQ}`
                          }
                          aria-label={`${c.status === "needs_reconnect" && c.hasCredentials ? ct("reconnect") : ct("connect")}: ${c.displayName}`}
                        >
                          {c.status === "needs_reconnect" && c.hasCredentials ? ct("reconnect") : ct("connect")}
                        </a>
                      )}
                      {collected && c.status === "active" && !c.archived && (
                        <form action={pauseChannelAction.bind(null, agency.slug)}>
                          <input type="hidden" name="accountId" value={c.accountId} />
                          {lang && <input type="hidden" name="lang" value={lang} />}
                          <button type="submit" aria-label={`${ct("pause")}: ${c.displayName}`}>
                            {ct("pause")}
                          </button>
                        </form>
                      )}
                      {collected && c.status === "paused" && (
                        <form action={resumeChannelAction.bind(null, agency.slug)}>
                          <input type="hidden" name="accountId" value={c.accountId} />
                          {lang && <input type="hidden" name="lang" value={lang} />}
                          <button type="submit" aria-label={`${ct("resume")}: ${c.displayName}`}>
                            {ct("resume")}
                          </button>
                        </form>
                      )}
                      {!c.archived && (
                        <Link
                          href={`/agencies/${agency.slug}/connections/remove?account=${c.accountId}${langQ}`}
                          aria-label={`${ct("remove")}: ${c.displayName}`}
                        >
                          {ct("remove")}
                        </Link>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2>{t("recentRuns")}</h2>
      {recentRuns.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t("recentRuns")}>
          <table data-runs>
            <thead>
              <tr>
                <th scope="col">{t("started")}</th>
                <th scope="col">{t("channel")}</th>
                <th scope="col">{t("outcome")}</th>
                <th scope="col" className="num">
                  {t("items")}
                </th>
                <th scope="col">{t("error")}</th>
              </tr>
            </thead>
            <tbody>
              {recentRuns.map((r) => (
                <tr key={r.id}>
                  <td>{when(r.startedAt)}</td>
                  <td>
                    {names.get(r.accountId)} <span className="meta">({r.kind})</span>
                  </td>
                  <td className={`outcome-${r.outcome}`}>{t(`outcome_${r.outcome}`)}</td>
                  <td className="num">
                    {formatNumber(r.itemsFetched, locale)} / {formatNumber(r.itemsWritten, locale)}
                  </td>
                  <td>{r.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
