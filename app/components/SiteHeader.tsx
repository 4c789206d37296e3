import Link from "next/link";
import type { UiLocale } from "@/lib/format";
import { UserMenu } from "./UserMenu";

/** The dark header on signed-in pages outside an agency: product name, who is signed in, sign-out. */
export async function SiteHeader(props: { tagline?: string; locale?: UiLocale }) {
  return (
    <header className="site">
      <UserMenu locale={props.locale} />
      <p className="site-name">
        <Link href="/" className="home-link">
          Kanalmåling
        </Link>
      </p>
      {props.tagline && <p>{props.tagline}</p>}
    </header>
  );
}
