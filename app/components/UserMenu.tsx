import Link from "next/link";
import { getSessionUser } from "@/lib/auth/session";
import { SignOutButton } from "./SignOutButton";

/** Who is signed in, with sign-out (and, for an agency's admins, its members page). */
export async function UserMenu(props: { membersHref?: string }) {
  const user = await getSessionUser();
  if (!user) return null;
  return (
    <p className="user">
      <Link href="/account">{user.email}</Link>
      {props.membersHref && (
        <>
          {" "}
          · <Link href={props.membersHref}>Medlemmer</Link>
        </>
      )}
      {" · "}
      <SignOutButton />
    </p>
  );
}
