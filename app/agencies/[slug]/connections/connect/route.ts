import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { beginSignIn, FLOW_COOKIE, FLOW_MINUTES, publicUrl } from "@/lib/channels/oauthFlow";
import { runtimeConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { findVisibleAgency, hasRole } from "@/lib/permissions/access";
import { translator } from "@/lib/intl";
import { requestLocale } from "@/lib/intl/requestLocale";

const QuerySchema = z.object({ account: z.uuid(), lang: z.enum(["nb", "sv", "en"]).optional().catch(undefined) });

/** "Connect": sends an admin to the platform's own sign-in for one of the agency's channels. */
export async function GET(req: NextRequest, ctx: { params: Promise<{ slug: string }> }) {
  const agency = await findVisibleAgency((await ctx.params).slug);
  const q = QuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  const notFound = () =>
    NextResponse.json(
      { error: translator(agency?.locale ?? requestLocale(req.nextUrl, req.headers), "metrics")("not_found") },
      { status: 404 },
    );
  if (!agency || !hasRole(agency, "admin") || !q.success) return notFound();
  const account = await db().account.findFirst({
    where: { id: q.data.account, agencyId: agency.id },
    select: { id: true, platform: true, baseUrl: true },
  });
  if (!account) return notFound();
  const config = runtimeConfig();
  const started = await beginSignIn({ db: db(), config, credentialsKey: config.CREDENTIALS_KEY }, account, {
    slug: agency.slug,
    lang: q.data.lang,
  });
  const back = new URL(`/agencies/${agency.slug}/connections`, publicUrl(config));
  if (!started.ok) {
    back.searchParams.set("msg", started.problem);
    if (q.data.lang) back.searchParams.set("lang", q.data.lang);
    return NextResponse.redirect(back, 303);
  }
  const res = NextResponse.redirect(started.url, 303);
  res.cookies.set(FLOW_COOKIE, started.cookie, {
    httpOnly: true,
    sameSite: "lax",
    secure: (config.PUBLIC_URL ?? "").startsWith("https:"),
    path: "/api/oauth",
    maxAge: FLOW_MINUTES * 60,
  });
  return res;
}
