import { z } from "zod";
import { ssoEnabled } from "@/lib/auth/auth";
import { ssoTexts } from "@/lib/i18nSso";
import { LoginForm } from "./LoginForm";

export const dynamic = "force-dynamic";

// Only same-site paths: never let ?next= send a signed-in user to another site.
const NextPath = z
  .string()
  .regex(/^\/(?!\/)[^\s]*$/)
  .catch("/");
const SsoMessage = z.enum(["failed", "cancelled", "unavailable", "limited", "off"]).optional().catch(undefined);

export default async function LoginPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await props.searchParams;
  const next = NextPath.parse(typeof params.next === "string" ? params.next : "/");
  const sso = ssoTexts("nb");
  const ssoMessage = SsoMessage.parse(params.sso);
  return (
    <>
      <header className="site">
        <p className="site-name">Kanalmåling</p>
      </header>
      <main id="main" className="narrow">
        <h1>Logg inn</h1>
        {ssoMessage && (
          <p role="alert" className="error">
            {sso[`login_${ssoMessage}`]}
          </p>
        )}
        <LoginForm next={next} sso={ssoEnabled() ? sso.ssoButton : null} />
      </main>
    </>
  );
}
