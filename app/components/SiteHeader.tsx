import Link from "next/link";
import { UserMenu } from "./UserMenu";

/** The dark header on signed-in pages outside an agency: product name, who is signed in, sign-out. */
export async function SiteHeader(props: { tagline?: string }) {
  return (
    <header className="site">
      <UserMenu />
      <p className="site-name">
        <Link href="/" className="home-link">
          Kanalmåling
        </Link>
      </p>
      {props.tagline && <p>{props.tagline}</p>}
    </header>
  );
}
