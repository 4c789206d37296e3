import Link from "next/link";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { platformLabel } from "@/lib/intl/labels";
import { agencyPageContext } from "@/lib/dashboard/agencyPageContext";
import type { PageProps } from "@/lib/dashboard/pageContext";
import { SOCIAL_PLATFORMS } from "@/lib/platforms/types";
import { saveChannelCredentials } from "./actions";

export const dynamic = "force-dynamic";

const SearchSchema = z.object({
  lang: z.enum(["nb", "sv", "en"]).optional().catch(undefined),
  msg: z.enum(["saved", "invalid", "not_saved"]).optional().catch(undefined),
});

/** Admins connect or reconnect a channel with a platform token. The token is never shown again. */
export default async function CredentialsPage(props: PageProps) {
  const ctx = await agencyPageContext(props, "connections", "admin");
  const { agency, lang: locale, t } = ctx;
  const search = SearchSchema.parse(ctx.search);
  const msg = search.msg ? t(`cred_${search.msg}`) : null;
  const accounts = await db().account.findMany({
    where: { agencyId: agency.id, platform: { in: [...SOCIAL_PLATFORMS] } },
    select: { id: true, platform: true, handle: true, status: true, credentialId: true },
    orderBy: [{ platform: "asc" }, { handle: "asc" }],
  });
  return (
    <div lang={locale}>
      <p>
        <Link href={`/agencies/${agency.slug}/connections${search.lang ? `?lang=${search.lang}` : ""}`}>
          {t("back")}
        </Link>
      </p>
      <h1>{t("cred_title", { agency: agency.name })}</h1>
      {msg && (
        <p role="status" className="notice">
          {msg}
        </p>
      )}
      <p>{t("cred_intro")}</p>
      <form action={saveChannelCredentials.bind(null, agency.slug)} className="stack narrow-form">
        <input type="hidden" name="lang" value={search.lang ?? ""} />
        <label htmlFor="cred-account">{t("channel")}</label>
        <select id="cred-account" name="accountId" required>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {platformLabel(a.platform, locale)} · {a.handle}
              {a.status === "needs_reconnect"
                ? ` ${t("cred_needsReconnect")}`
                : a.credentialId
                  ? ` ${t("cred_hasKey")}`
                  : ""}
            </option>
          ))}
        </select>
        <label htmlFor="cred-token">{t("cred_token")}</label>
        <input id="cred-token" name="token" type="password" autoComplete="off" required />
        <label htmlFor="cred-refresh">{t("cred_refresh")}</label>
        <input id="cred-refresh" name="refreshToken" type="password" autoComplete="off" />
        <button type="submit">{t("cred_save")}</button>
      </form>
    </div>
  );
}
