import { runtimeConfig } from "@/lib/config";
import { z } from "zod";
import { translator } from "@/lib/intl";
import { verifyUnsubscribeToken } from "@/lib/reports/unsubscribeToken";
import { confirmUnsubscribe } from "./actions";

export const dynamic = "force-dynamic";

const SearchSchema = z.object({
  token: z.string().max(300).optional().catch(undefined),
  status: z.enum(["done", "invalid"]).optional().catch(undefined),
  // The e-mail's link carries the language the report was written in.
  lang: z.enum(["nb", "sv", "en"]).catch("nb").default("nb"),
});

/** Reached from the link in a report e-mail, without signing in. Opening it changes nothing; the button does. */
export default async function UnsubscribePage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token, status, lang } = SearchSchema.parse(await props.searchParams);
  const t = translator(lang, "unsubscribe");
  const valid = token ? verifyUnsubscribeToken(token, runtimeConfig().AUTH_SECRET!) !== null : false;
  return (
    <div lang={lang}>
      <header className="site">
        <p className="site-name">Kanalmåling</p>
      </header>
      <main id="main" className="narrow">
        <h1>{t("title")}</h1>
        {status === "done" && <p role="status">{t("done")}</p>}
        {status === "invalid" && (
          <p role="alert" className="error">
            {t("invalid")}
          </p>
        )}
        {!status && valid && (
          <form action={confirmUnsubscribe}>
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="lang" value={lang} />
            <p>{t("question")}</p>
            <button type="submit">{t("confirm")}</button>
          </form>
        )}
        {!status && !valid && (
          <p role="alert" className="error">
            {t("invalid")}
          </p>
        )}
      </main>
    </div>
  );
}
