import Link from "next/link";
import { getSessionUser } from "@/lib/auth/session";
import type { UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";
import { SignOutButton } from "./SignOutButton";

/** Who is signed in, with sign-out (and, for an agency's admins, its members page), in the page's language. */
export async function UserMenu(props: { membersHref?: string; locale?: UiLocale }) {
  const user = await getSessionUser();
  if (!user) return null;
  const t = translator(props.locale ?? "nb", "people");
  return (
    <p className="user">
      <Link href="/account">{user.email}</Link>
      {props.membersHref && (
        <>
          {" "}
          · <Link href={props.membersHref}>{t("members")}</Link>
        </>
      )}
      {" · "}
      <SignOutButton label={t("signOut")} />
    </p>
  );
}
