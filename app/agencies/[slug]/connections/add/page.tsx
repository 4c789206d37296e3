import Link from "next/link";
import { z } from "zod";
import { lookUpChannel } from "@/lib/channels/lookup";
import { db } from "@/lib/db/client";
import { runningSandboxUrl } from "@/lib/channels/target";
import { formatNumber } from "@/lib/format";
import { platformLabel } from "@/lib/intl/labels";
import { agencyPageContext } from "@/lib/dashboard/agencyPageContext";
import type { PageProps } from "@/lib/dashboard/pageContext";
import { SOCIAL_PLATFORMS } from "@/lib/platforms/types";
import { findChannel, saveChannel } from "../actions";

export const dynamic = "force-dynamic";

const SearchSchema = z.object({
  lang: z.enum(["nb", "sv", "en"]).optional().catch(undefined),
  address: z.string().max(500).optional().catch(undefined),
  where: z.enum(["real", "sandbox"]).optional().catch(undefined),
  problem: z
    .enum([
      "empty",
      "unknown_platform",
      "not_a_profile",
      "not_found",
      "no_app_credentials",
      "unreachable",
      "rate_limited",
      "duplicate",
    ])
    .optional()
    .catch(undefined),
  platform: z.enum(SOCIAL_PLATFORMS).optional().catch(undefined),
  confirm: z.literal("1").optional().catch(undefined),
});

/** Admins paste a profile address; the product recognises the platform, finds the account and asks for confirmation. */
export default async function AddChannelPage(props: PageProps) {
  const { agency, search, lang: locale, t } = await agencyPageContext(props, "channels", "admin");
  const q = SearchSchema.parse(search);
  const sandbox = runningSandboxUrl();
  // The sandbox is offered while it runs, and chosen by default for demo agencies only.
  const demo = sandbox
    ? (await db().agency.findUnique({ where: { id: agency.id }, select: { isDemo: true } }))?.isDemo
    : false;
  const where = q.where ?? (sandbox && demo ? "sandbox" : "real");
  const found = q.confirm && !q.problem && q.address ? await lookUpChannel(q.address, where) : null;
  const platformName = q.platform ? platformLabel(q.platform, locale) : "";
  const problem = q.problem ?? (found && !found.ok ? found.problem : undefined);
  const problemText = problem
    ? t(`problem_${problem}`, {
        p: platformName || (found && !found.ok && found.platform ? platformLabel(found.platform, locale) : ""),
      })
    : null;

  return (
    <>
      <p>
        <Link href={`/agencies/${agency.slug}/connections${q.lang ? `?lang=${q.lang}` : ""}`}>{t("back")}</Link>
      </p>
      <h1>
        {t("addTitle")} – {agency.name}
      </h1>
      <p>{t("addIntro")}</p>
      {found?.ok ? (
        <section aria-labelledby="confirm-heading" data-confirm>
          <h2 id="confirm-heading">{t("confirmTitle")}</h2>
          <dl className="facts">
            <dt>{t("platform")}</dt>
            <dd>{platformLabel(found.channel.platform, locale)}</dd>
            <dt>{t("name")}</dt>
            <dd data-found-name>{found.channel.displayName}</dd>
            <dt>{t("handle")}</dt>
            <dd>{found.channel.handle}</dd>
            <dt>{t("audience")}</dt>
            <dd data-found-audience>
              {found.channel.followers === null ? t("audienceUnknown") : formatNumber(found.channel.followers, locale)}
            </dd>
          </dl>
          <form action={saveChannel.bind(null, agency.slug)} className="stack narrow-form">
            <input type="hidden" name="address" value={q.address} />
            <input type="hidden" name="where" value={where} />
            {q.lang && <input type="hidden" name="lang" value={q.lang} />}
            <button type="submit">{t("save")}</button>
          </form>
          <p>
            <Link href={`/agencies/${agency.slug}/connections/add${q.lang ? `?lang=${q.lang}` : ""}`}>
              {t("cancel")}
            </Link>
          </p>
        </section>
      ) : (
        <form action={findChannel.bind(null, agency.slug)} className="stack narrow-form" noValidate>
          <label htmlFor="channel-address">{t("address")}</label>
          <input
            id="channel-address"
            name="address"
            type="text"
            defaultValue={q.address ?? ""}
            autoComplete="off"
            required
            aria-describedby={problemText ? "channel-address-hint channel-address-error" : "channel-address-hint"}
            aria-invalid={problemText ? true : undefined}
          />
          <p id="channel-address-hint" className="meta">
            {t("addressHint")}
          </p>
          {problemText && (
            <p id="channel-address-error" role="alert" className="form-error">
              {problemText}
            </p>
          )}
          {sandbox && (
            <fieldset>
              <legend>{t("where")}</legend>
              <label>
                <input type="radio" name="where" value="sandbox" defaultChecked={where === "sandbox"} />{" "}
                {t("whereSandbox")}
              </label>
              <label>
                <input type="radio" name="where" value="real" defaultChecked={where === "real"} /> {t("whereReal")}
              </label>
            </fieldset>
          )}
          {q.lang && <input type="hidden" name="lang" value={q.lang} />}
          <button type="submit">{t("lookUp")}</button>
        </form>
      )}
    </>
  );
}
