import Link from "next/link";
import { getSessionUser } from "@/lib/auth/session";
import { SignOutButton } from "./SignOutButton";

/** The dark header on every signed-in page: product name, who is signed in, sign-out. */
export async function SiteHeader(props: { tagline?: string }) {
  const user = await getSessionUser();
  return (
    <header className="site">
      {user && (
        <p className="user">
          {user.email} · <SignOutButton />
        </p>
      )}
      <p className="site-name"><Link href="/" className="home-link">Kanalmåling</Link></p>
      {props.tagline && <p>{props.tagline}</p>}
    </header>
  );
}
