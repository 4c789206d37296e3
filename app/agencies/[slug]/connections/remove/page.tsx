import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { platformLabel } from "@/lib/intl/labels";
import { agencyPageContext } from "@/lib/dashboard/agencyPageContext";
import type { PageProps } from "@/lib/dashboard/pageContext";
import { removeChannelAction } from "../actions";

export const dynamic = "force-dynamic";

const SearchSchema = z.object({
  lang: z.enum(["nb", "sv", "en"]).optional().catch(undefined),
  account: z.uuid().optional().catch(undefined),
});

/** Removing a channel asks first whether its history stays. */
export default async function RemoveChannelPage(props: PageProps) {
  const { agency, search, lang: locale, t } = await agencyPageContext(props, "channels", "admin");
  const q = SearchSchema.parse(search);
  const account = q.account
    ? await db().account.findFirst({
        where: { id: q.account, agencyId: agency.id },
        select: { id: true, platform: true, displayName: true, handle: true },
      })
    : null;
  if (!account) notFound();
  const name = `${platformLabel(account.platform, locale)} · ${account.displayName} (${account.handle})`;
  return (
    <>
      <p>
        <Link href={`/agencies/${agency.slug}/connections${q.lang ? `?lang=${q.lang}` : ""}`}>{t("back")}</Link>
      </p>
      <h1>{t("removeTitle", { name })}</h1>
      <p>{t("removeIntro")}</p>
      <form action={removeChannelAction.bind(null, agency.slug)} className="stack narrow-form">
        <input type="hidden" name="accountId" value={account.id} />
        {q.lang && <input type="hidden" name="lang" value={q.lang} />}
        <fieldset>
          <legend>{t("keepLegend")}</legend>
          <label>
            <input type="radio" name="history" value="keep" defaultChecked /> {t("keep")}
          </label>
          <label>
            <input type="radio" name="history" value="delete" /> {t("drop")}
          </label>
        </fieldset>
        <button type="submit">{t("confirmRemove")}</button>
      </form>
    </>
  );
}
