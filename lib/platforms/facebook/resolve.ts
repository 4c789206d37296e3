import { z } from "zod";
import { getJson, parseBody, withQuery } from "../http";
import { authExpired, malformed, notFound, transient } from "../errors";
import type { AccountMetrics, ConnectorContext } from "../types";

const PageSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  followers_count: z.number().int().optional(),
  fan_count: z.number().int().optional(),
});
const ErrorSchema = z.object({ error: z.object({ message: z.string(), code: z.number() }) });

/**
 * A Page's name and followers only, for confirming a new channel. The collector's call also asks
 * for Page Insights, which an app token may not read; a Page token arrives with the admin's sign-in.
 */
export async function lookUpFacebookPage(ctx: ConnectorContext): Promise<AccountMetrics> {
  const url = withQuery(ctx.baseUrl, `/v25.0/${encodeURIComponent(ctx.platformId ?? ctx.handle)}`, {
    fields: "id,name,followers_count,fan_count",
  });
  const res = await getJson("facebook", url, {
    timeoutMs: ctx.timeoutMs,
    headers: ctx.token ? { authorization: `Bearer ${ctx.token}` } : {},
  });
  if (res.status === 200) {
    const page = parseBody("facebook", PageSchema, res.body, "page");
    return {
      platformId: page.id,
      displayName: page.name ?? null,
      followers: page.followers_count ?? page.fan_count ?? null,
      following: null,
      postsCount: null,
      gaps: [],
    };
  }
  const err = ErrorSchema.safeParse(res.body);
  if (!err.success)
    throw res.status >= 500 ? transient("facebook", `HTTP ${res.status}`) : malformed("facebook", `HTTP ${res.status}`);
  const { code, message } = err.data.error;
  // 100 "does not exist / cannot be loaded due to missing permissions"; 803 an alias that is no Page.
  if (code === 803 || (code === 100 && /does not exist/.test(message))) throw notFound("facebook", message);
  if ([190, 102, 10, 200].includes(code)) throw authExpired("facebook", message);
  throw res.status >= 500 ? transient("facebook", message) : malformed("facebook", `${message} (code ${code})`);
}
