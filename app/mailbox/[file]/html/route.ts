import { translator } from "@/lib/intl";
import { langOf } from "@/lib/metrics/request";
import { NextResponse } from "next/server";
import { getSessionUser } from "@/lib/auth/session";
import { runtimeConfig } from "@/lib/config";
import { readOutboxMessage } from "@/lib/mail/outbox";

export const dynamic = "force-dynamic";

/** A message of the local mail catcher as sent (its HTML part), for one of its recipients. */
export async function GET(request: Request, props: { params: Promise<{ file: string }> }) {
  const user = await getSessionUser();
  const config = runtimeConfig();
  const mail =
    user && !config.SMTP_HOST ? await readOutboxMessage(config.DATA_DIR, user.email, (await props.params).file) : null;
  if (!mail) return NextResponse.json({ error: translator(langOf(request), "mailbox")("notFound") }, { status: 404 });
  // The message is shown as sent; no scripts may run in it.
  return new NextResponse(mail.html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
    },
  });
}
