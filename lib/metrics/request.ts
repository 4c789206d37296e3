import { getSessionCookie } from "better-auth/cookies";
import { headers } from "next/headers";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { poolOf } from "@/lib/db/pool";
import { FilterSchema, LangSchema, parseFilters, type SearchParams } from "@/lib/dashboard/filters";
import type { UiLocale } from "@/lib/format";
import { API_CSP, setSecurityHeaders } from "@/lib/http/securityHeaders";
import { translator } from "@/lib/intl";
import { requestLocale } from "@/lib/intl/requestLocale";
import {
  findVisibleAgency,
  findVisibleAgencyAndVersion,
  listVisibleAgencies,
  requireVisibleAgency,
  unverifiedVisibleAgencies,
  type VisibleAgency,
} from "@/lib/permissions/access";
import { translateIssues, type Issue } from "./issues";
import { buildScope, type Scope } from "./scope";
import { cachedView, type KnownVersion, type KnownVersions } from "./viewCache";

/**
 * The one request pipeline: pages, JSON routes, CSV exports and report routes turn a request into a
 * Scope here (validate with zod → find the agency the user may see → resolve the period), and
 * every failure is a RequestError with one body: `{ error, message, issues: [{ parameter, message }] }`,
 * messages in the user's language. Someone else's agency is "not found", never "forbidden".
 */
export class RequestError extends Error {
  constructor(
    readonly status: 400 | 404 | 405,
    readonly code: "invalid_parameters" | "not_found" | "method_not_allowed",
    readonly issues: Issue[] = [],
    /** The language the issues were written in (the agency's when the address chose none). */
    readonly lang?: UiLocale,
  ) {
    super(code);
  }
}

export function errorBody(e: RequestError, lang: UiLocale) {
  const locale = e.lang ?? lang;
  return { error: e.code, message: translator(locale, "metrics")(e.code), issues: e.issues };
}

export function errorResponse(e: RequestError, lang: UiLocale): Response {
  return Response.json(errorBody(e, lang), { status: e.status, headers: { "cache-control": "no-store" } });
}

export function searchParamsToObject(sp: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(sp.keys())) {
    const all = sp.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

/** The language chosen in the address (`lang`), else `fallback` (the agency's language where it is known). */
export function langOf(request: Request, fallback: UiLocale = "nb"): UiLocale {
  const lang = LangSchema.safeParse(new URL(request.url).searchParams.get("lang"));
  return lang.success ? lang.data : fallback;
}

/** The agency a request may see, or a RequestError 404. */
export async function agencyOrThrow(slug: string): Promise<VisibleAgency> {
  const agency = await findVisibleAgency(slug);
  if (!agency) throw new RequestError(404, "not_found");
  return agency;
}

async function visibleAndNamed(slug: string) {
  const visible = await listVisibleAgencies();
  return {
    agency: visible.find((a) => a.slug === slug) ?? null,
    dataVersion: undefined,
    dataVersions: undefined,
    visible,
  };
}

/** Validates extra parameters of a route with the same error type. */
export function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown, lang: UiLocale): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new RequestError(400, "invalid_parameters", translateIssues(parsed.error.issues, lang));
  return parsed.data;
}

export type ScopedRequest<E> = {
  scope: Scope;
  agency: VisibleAgency;
  /** Every agency the request may see (the compare view chooses among them). */
  visible: VisibleAgency[];
  extra: E;
  /** With `withDataVersion`: the agency's data version, read with the access check. */
  dataVersion?: KnownVersion | null;
  /** With `withDataVersion`, when the access check knew the visible agencies: the data versions of all of them. */
  dataVersions?: KnownVersions | null;
};

/** API and CSV: the scope of a request, or a RequestError (404 for an agency not the user's, 400 with reasons). */
export async function requestScope<S extends z.ZodType>(
  request: Request,
  slug: string,
  extraSchema: S,
  opts: { withDataVersion?: boolean } = {},
): Promise<ScopedRequest<z.infer<S>>> {
  const access = await checkedAccess(slug, opts);
  return { ...(await scopeOf(request, access.agency, extraSchema)), ...access };
}

/** The access check: the agency the slug names (else 404), every visible agency and, if asked, data versions. */
async function checkedAccess(slug: string, opts: { withDataVersion?: boolean }) {
  const { agency, ...access } = opts.withDataVersion
    ? await findVisibleAgencyAndVersion(slug)
    : await visibleAndNamed(slug);
  if (!agency) throw new RequestError(404, "not_found");
  return { agency, ...access };
}

/** The scope of a request for an agency it may see (validation and the period), without the access check. */
async function scopeOf<S extends z.ZodType>(
  request: Request,
  agency: VisibleAgency,
  extraSchema: S,
): Promise<{ scope: Scope; agency: VisibleAgency; extra: z.infer<S> }> {
  const raw = searchParamsToObject(new URL(request.url).searchParams);
  const lang = langOf(request, agency.locale);
  const filters = FilterSchema.safeParse(raw);
  const extra = extraSchema.safeParse(raw);
  const issues = [...(filters.success ? [] : filters.error.issues), ...(extra.success ? [] : extra.error.issues)];
  if (!filters.success || !extra.success)
    throw new RequestError(400, "invalid_parameters", translateIssues(issues, lang), lang);
  const built = await buildScope(db(), agency, filters.data);
  if (built.issues.length) throw new RequestError(400, "invalid_parameters", built.issues, lang);
  return { scope: built.scope, agency, extra: extra.data };
}

/**
 * :TRICKY: a view started before the access check, with the agency this session's cached access
 * last saw: its statement runs while the check's does (two round trips at once instead of one after
 * the other). The request and answer are used only when the check then confirms that very entry
 * (the same list of visible agencies); otherwise they are dropped unread and the view runs again on
 * the checked request.
 */
async function earlyView<S extends z.ZodType, R>(
  request: Request,
  slug: string,
  extraSchema: S,
  view: (req: ScopedRequest<z.infer<S>>) => Promise<R>,
): Promise<{ req: ScopedRequest<z.infer<S>>; answer: Promise<R> } | null> {
  const visible = await unverifiedVisibleAgencies();
  const agency = visible?.find((a) => a.slug === slug);
  if (!visible || !agency) return null;
  const scoped = await scopeOf(request, agency, extraSchema).catch(() => null);
  if (!scoped) return null;
  const req = { ...scoped, visible };
  const answer = view(req);
  answer.catch(() => undefined);
  return { req, answer };
}

/**
 * The recipe of every dashboard JSON route: the scope (above), one view, the answer in one envelope.
 * With `cache`, the view's answer is reused while the agencies' data version is unchanged
 * (lib/metrics/viewCache.ts): only for views that read nothing but channels and daily figures.
 */
export function scopedRoute<S extends z.ZodType, R>(
  extraSchema: S,
  view: (req: ScopedRequest<z.infer<S>>) => Promise<R>,
  opts: { cache?: (req: ScopedRequest<z.infer<S>>) => { name: string; agencyIds: string[]; args: string } } = {},
) {
  const answer = async (request: Request, ctx: { params: Promise<{ slug: string }> }) => {
    if (await withoutSessionCookie())
      return Response.json(
        { error: translator(requestLocale(new URL(request.url), request.headers), "hardening")("notSignedIn") },
        { status: 401 },
      );
    try {
      const slug = (await ctx.params).slug;
      const early = opts.cache ? null : await earlyView(request, slug, extraSchema, view);
      const access = await checkedAccess(slug, { withDataVersion: Boolean(opts.cache) });
      const confirmed = early && early.req.visible === access.visible ? early : null;
      const req = confirmed ? confirmed.req : { ...(await scopeOf(request, access.agency, extraSchema)), ...access };
      const { agency, period, bucket } = req.scope;
      const envelope = {
        agency: { slug: agency.slug, name: agency.name, timeZone: agency.timeZone },
        range: { from: period.from, to: period.to, bucket },
      };
      if (!opts.cache) return Response.json({ ...envelope, data: await (confirmed ? confirmed.answer : view(req)) });
      // A reused answer is kept as its JSON text: a repeated request serialises only the envelope.
      const data = await cachedView(
        poolOf(db()),
        opts.cache(req),
        async () => JSON.stringify(await view(req)),
        req.dataVersion,
        req.dataVersions,
      );
      return new Response(`${JSON.stringify(envelope).slice(0, -1)},"data":${data}}`, {
        headers: { "content-type": "application/json" },
      });
    } catch (e) {
      if (e instanceof RequestError) return errorResponse(e, langOf(request));
      throw e;
    }
  };
  // proxy.ts does not run for these routes (see its matcher): what it would add, is added here.
  return async (request: Request, ctx: { params: Promise<{ slug: string }> }) => {
    const response = await answer(request, ctx);
    setSecurityHeaders(response.headers, API_CSP);
    response.headers.set("Cache-Control", "no-store");
    return response;
  };
}

/** A request to the server without a session cookie (false outside a request, e.g. in tests and scripts). */
async function withoutSessionCookie(): Promise<boolean> {
  let h: Headers;
  try {
    h = await headers();
  } catch {
    return false;
  }
  return !getSessionCookie(h);
}

export type PageProps = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

/** Pages: the agency (sign-in redirect or 404 otherwise) and the scope; invalid filters become messages and the defaults. */
export async function pageScope(props: PageProps): Promise<{
  scope: Scope;
  agency: VisibleAgency;
  search: SearchParams;
  errors: string[];
  filters: ReturnType<typeof parseFilters>["filters"];
}> {
  const agency = await requireVisibleAgency((await props.params).slug);
  const search = await props.searchParams;
  const { filters, errors } = parseFilters(search, agency.locale);
  const { scope, issues } = await buildScope(db(), agency, filters);
  return { scope, agency, search, filters, errors: [...errors, ...issues.map((i) => `${i.parameter}: ${i.message}`)] };
}
