import { translator } from "@/lib/intl";
import { langOf } from "@/lib/metrics/request";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { runtimeConfig } from "@/lib/config";
import { readOutboxAttachment } from "@/lib/mail/outbox";

export const dynamic = "force-dynamic";

/** An attachment of a message in the local mail catcher, for one of the message's recipients only. */
export async function GET(request: Request, props: { params: Promise<{ file: string; n: string }> }) {
  const { file, n } = await props.params;
  const index = z.coerce.number().int().min(0).max(1000).safeParse(n);
  const user = await getSessionUser();
  const config = runtimeConfig();
  const a =
    user && index.success && !config.SMTP_HOST
      ? await readOutboxAttachment(config.DATA_DIR, user.email, file, index.data)
      : null;
  if (!a) return NextResponse.json({ error: translator(langOf(request), "mailbox")("notFound") }, { status: 404 });
  const ascii = a.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new NextResponse(new Uint8Array(a.content), {
    headers: {
      // Always a download, never shown inline: an attachment is not this site's content.
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
      "cache-control": "private, no-store",
    },
  });
}
