import { verifyUnsubscribeToken } from "@/lib/reports/unsubscribeToken";
import { confirmUnsubscribe } from "./actions";
import { runtimeConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

/** Reached from the link in a report e-mail, without signing in. Opening it changes nothing; the button does. */
export default async function UnsubscribePage(props: { searchParams: Promise<{ token?: string; status?: string }> }) {
  const { token, status } = await props.searchParams;
  const valid = token ? verifyUnsubscribeToken(token, runtimeConfig().AUTH_SECRET!) !== null : false;
  return (
    <>
      <header className="site">
        <p className="site-name">Kanalmåling</p>
      </header>
      <main id="main" className="narrow">
        <h1>Avslutt ukerapporten</h1>
        {status === "done" && <p role="status">Du er meldt av og får ikke flere ukerapporter.</p>}
        {status === "invalid" && (
          <p role="alert" className="error">
            Lenken er ugyldig eller utløpt. Logg inn og meld deg av under «Ukerapport».
          </p>
        )}
        {!status && valid && (
          <form action={confirmUnsubscribe}>
            <input type="hidden" name="token" value={token} />
            <p>Vil du slutte å få ukerapporten på e-post?</p>
            <button type="submit">Ja, meld meg av</button>
          </form>
        )}
        {!status && !valid && (
          <p role="alert" className="error">
            Lenken er ugyldig eller utløpt. Logg inn og meld deg av under «Ukerapport».
          </p>
        )}
      </main>
    </>
  );
}
