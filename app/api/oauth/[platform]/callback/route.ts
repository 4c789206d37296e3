import { NextResponse, type NextRequest } from "next/server";
import { headers } from "next/headers";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { collectSoon } from "@/lib/channels/collectSoon";
import { completeSignIn, FLOW_COOKIE, openFlow, publicUrl } from "@/lib/channels/oauthFlow";
import { runtimeConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { currentActor, findVisibleAgency, hasRole } from "@/lib/permissions/access";
import { isOAuthPlatform } from "@/lib/platforms/oauth";
import { translator } from "@/lib/intl";
import { requestLocale } from "@/lib/intl/requestLocale";

const QuerySchema = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
});

/** The platform's sign-in sends the admin back here (the redirect URI registered with each app). */
export async function GET(req: NextRequest, ctx: { params: Promise<{ platform: string }> }) {
  const platform = (await ctx.params).platform;
  const config = runtimeConfig();
  const key = config.CREDENTIALS_KEY;
  const flow = openFlow(req.cookies.get(FLOW_COOKIE)?.value, key);
  const q = QuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  const agency = flow ? await findVisibleAgency(flow.slug) : null;
  if (!isOAuthPlatform(platform) || !flow || !q.success || !agency || !hasRole(agency, "admin")) {
    const locale = flow?.lang ?? agency?.locale ?? requestLocale(req.nextUrl, req.headers);
    return NextResponse.json({ error: translator(locale, "connections")("oauthUnconfirmed") }, { status: 400 });
  }
  const account = await db().account.findFirst({
    where: { id: flow.accountId, agencyId: agency.id },
    select: { id: true, platform: true, baseUrl: true, platformId: true, handle: true },
  });
  const done = account
    ? await completeSignIn({ db: db(), config, credentialsKey: key }, platform, flow, account, q.data)
    : { ok: false as const, problem: "oauth_failed" as const };
  if (done.ok) {
    await recordAudit(db(), {
      action: "credential_saved",
      agencyId: agency.id,
      actorUserId: (await currentActor()).userId,
      target: `${account!.platform}:${account!.handle}`,
      details: { via: "oauth" },
      ip: (await headers()).get("x-forwarded-for"),
    });
    await collectSoon(done.accountId);
  }
  // Back to the address users open (the request's own host may be the server's bind address).
  const back = new URL(`/agencies/${agency.slug}/connections`, publicUrl(config));
  back.searchParams.set("msg", done.ok ? "connected" : done.problem);
  if (flow.lang) back.searchParams.set("lang", flow.lang);
  const res = NextResponse.redirect(back, 303);
  res.cookies.delete({ name: FLOW_COOKIE, path: "/api/oauth" });
  return res;
}
