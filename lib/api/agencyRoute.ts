import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { FilterSchema, resolveRange, type Filters, type ResolvedRange } from "@/lib/dashboard/filters";
import { findVisibleAgency, type VisibleAgency } from "@/lib/permissions/access";
import { getFirstCollectedDay } from "@/lib/queries/getFirstCollectedDay";
import { localDay, type Day } from "@/lib/time";

export type RouteContext = { params: Promise<{ slug: string }> };

export function searchParamsToObject(sp: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(sp.keys())) {
    const all = sp.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

function badRequest(issues: z.core.$ZodIssue[]) {
  return NextResponse.json(
    { error: "invalid_parameters", message: "One or more query parameters are invalid.", issues: issues.map((i) => ({ parameter: i.path.join(".") || null, message: i.message })) },
    { status: 400 },
  );
}

export type AgencyRequest<E> = { agency: VisibleAgency; filters: Filters; range: ResolvedRange; today: Day; extra: E; accountIds?: string[] };

/**
 * The shared first half of every dashboard API and export route: validate the query with zod (a
 * 400 response with the reasons), find the agency the request may see (a 404 response otherwise).
 */
export async function parseAgencyRequest<S extends z.ZodType>(request: Request, slug: string, extraSchema: S): Promise<AgencyRequest<z.infer<S>> | Response> {
  const raw = searchParamsToObject(new URL(request.url).searchParams);
  const filters = FilterSchema.safeParse(raw);
  const extra = extraSchema.safeParse(raw);
  const issues = [...(filters.success ? [] : filters.error.issues), ...(extra.success ? [] : extra.error.issues)];
  if (!filters.success || !extra.success) return badRequest(issues);
  const agency = await findVisibleAgency(slug);
  if (!agency) return NextResponse.json({ error: "not_found", message: `No agency "${slug}".` }, { status: 404 });
  const today = localDay(new Date(), agency.timeZone);
  const earliest = filters.data.range === "all" ? await getFirstCollectedDay(db(), agency.id) : null;
  const range = resolveRange(filters.data, today, earliest);
  return { agency, filters: filters.data, range, today, extra: extra.data, accountIds: filters.data.channel };
}

/** The recipe of every dashboard API route: parse and authorise (above), call one query, answer JSON. */
export function agencyRoute<S extends z.ZodType, R>(extraSchema: S, handler: (req: AgencyRequest<z.infer<S>>) => Promise<R>) {
  return async (request: Request, ctx: RouteContext) => {
    const req = await parseAgencyRequest(request, (await ctx.params).slug, extraSchema);
    if (req instanceof Response) return req;
    const body = await handler(req);
    const { agency, range } = req;
    return NextResponse.json({ agency: { slug: agency.slug, name: agency.name, timeZone: agency.timeZone }, range: { from: range.from, to: range.to, bucket: range.bucket }, data: body });
  };
}
