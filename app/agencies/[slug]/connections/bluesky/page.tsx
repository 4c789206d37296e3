import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { agencyPageContext } from "@/lib/dashboard/agencyPageContext";
import type { PageProps } from "@/lib/dashboard/pageContext";
import { connectBlueskyAction } from "../actions";

export const dynamic = "force-dynamic";

const SearchSchema = z.object({
  lang: z.enum(["nb", "sv", "en"]).optional().catch(undefined),
  account: z.uuid().optional().catch(undefined),
  msg: z
    .enum(["bluesky_rejected", "bluesky_wrong_account", "bluesky_invalid", "oauth_failed"])
    .optional()
    .catch(undefined),
});

/** Bluesky has no OAuth client here: an admin connects a channel with one of its app passwords. */
export default async function BlueskyConnectPage(props: PageProps) {
  const { agency, search, t } = await agencyPageContext(props, "channels", "admin");
  const q = SearchSchema.parse(search);
  const account = q.account
    ? await db().account.findFirst({
        where: { id: q.account, agencyId: agency.id, platform: "bluesky" },
        select: { id: true, handle: true, displayName: true },
      })
    : null;
  if (!account) notFound();
  const error = q.msg ? t(`msg_${q.msg}`) : null;
  return (
    <>
      <p>
        <Link href={`/agencies/${agency.slug}/connections${q.lang ? `?lang=${q.lang}` : ""}`}>{t("back")}</Link>
      </p>
      <h1>
        {t("blueskyTitle")}: {account.displayName} ({account.handle})
      </h1>
      <p>{t("blueskyIntro")}</p>
      <form action={connectBlueskyAction.bind(null, agency.slug)} className="stack narrow-form" noValidate>
        <input type="hidden" name="accountId" value={account.id} />
        {q.lang && <input type="hidden" name="lang" value={q.lang} />}
        <label htmlFor="bluesky-app-password">{t("appPassword")}</label>
        <input
          id="bluesky-app-password"
          name="appPassword"
          type="password"
          autoComplete="off"
          required
          aria-describedby={error ? "bluesky-hint bluesky-error" : "bluesky-hint"}
          aria-invalid={error ? true : undefined}
        />
        <p id="bluesky-hint" className="meta">
          {t("appPasswordHint")}
        </p>
        {error && (
          <p id="bluesky-error" role="alert" className="form-error">
            {typeof error === "string" ? error : ""}
          </p>
        )}
        <button type="submit">{t("connect")}</button>
      </form>
    </>
  );
}
