import { z } from "zod";
import { db } from "@/lib/db/client";
import { csvHeader } from "@/lib/export/columns";
import { csvDocument } from "@/lib/export/csv";
import { linkStatusLabel } from "@/lib/intl/labels";
import { exportedPermalink } from "@/lib/ingest/replies";
import { errorResponse, langOf, RequestError } from "@/lib/metrics/request";
import { translateIssues } from "@/lib/metrics/issues";
import { findVisibleAgency, hasRole } from "@/lib/permissions/access";
import { getInputTrail } from "@/lib/queries/getInputTrail";
import { formatDateTime } from "@/lib/format";

export const dynamic = "force-dynamic";

const Query = z.object({ workItem: z.uuid().optional() });

/**
 * The trail of status moves (who, when, from, to, note) as CSV for Norwegian Excel — for access-to-information
 * requests. Column names, statuses and local times in the address's language (`lang`), else the agency's.
 */
export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const { slug } = await ctx.params;
  const agency = await findVisibleAgency(slug);
  if (!agency) return errorResponse(new RequestError(404, "not_found"), langOf(req));
  const lang = langOf(req, agency.locale);
  const query = Query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success)
    return errorResponse(new RequestError(400, "invalid_parameters", translateIssues(query.error.issues, lang)), lang);
  if (
    query.data.workItem &&
    !(await db().workItem.findFirst({ where: { id: query.data.workItem, agencyId: agency.id }, select: { id: true } }))
  ) {
    return errorResponse(new RequestError(404, "not_found"), lang);
  }
  // One agency's trail is a few rows per input; built in memory, it stays far below what a request can hold.
  const rows = await getInputTrail(db(), agency.id, query.data.workItem);
  // The trail is every member's; a link to the citizen's own post only for those who may read replies.
  const viewerLevel = !hasRole(agency, "editor");
  const csv = await csvDocument(
    csvHeader(
      [
        "tidspunkt",
        "tidspunkt_utc",
        "arbeid",
        "saksnummer",
        "kobling",
        "lenke_til_svaret",
        "fra",
        "til",
        "notat",
        "utført_av",
      ],
      lang,
    ),
    rows.map((r) => [
      formatDateTime(r.at, lang, agency.timeZone),
      r.at.toISOString(),
      r.workItem,
      r.caseNumber,
      r.linkId,
      exportedPermalink(r.platform, r.permalink, { viewerLevel }),
      r.from ? linkStatusLabel(r.from, lang) : "",
      linkStatusLabel(r.to, lang),
      r.note,
      r.actorLabel,
    ]),
  );
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="innspill-spor-${agency.slug}.csv"`,
      "cache-control": "no-store",
    },
  });
}
