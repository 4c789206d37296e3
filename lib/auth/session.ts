import { headers } from "next/headers";
import { auth } from "./auth";

export type SessionUser = { id: string; email: string; name: string };

/** The signed-in user of this request, or null. The session is checked against the database. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await auth().api.getSession({ headers: await headers() });
  if (!session) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name };
}
