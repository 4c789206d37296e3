import { Readable } from "node:stream";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/pool";
import { csvHeader } from "@/lib/export/columns";
import { BOM, csvStream } from "@/lib/export/csv";
import { DATASETS, DatasetNameSchema, mayExport } from "@/lib/export/datasets";
import { csvResponse, streamQueryAsCsv } from "@/lib/export/streamQuery";
import { errorResponse, langOf, RequestError, requestScope } from "@/lib/metrics/request";
import { currentActor } from "@/lib/permissions/access";

export const dynamic = "force-dynamic";

const Format = z.object({ sep: z.enum(["semicolon", "comma"]).default("semicolon") });

/**
 * `/api/agencies/<slug>/export/<dataset>?<dashboard filters>&sep=semicolon|comma` — the rows behind a
 * dashboard table or chart as CSV: UTF-8 with BOM, `;` with decimal comma for Norwegian Excel
 * unless `sep=comma` (then `,` with decimal point), column names in the page's language.
 */
export async function GET(request: Request, ctx: { params: Promise<{ slug: string; dataset: string }> }) {
  try {
    const { slug, dataset } = await ctx.params;
    const name = DatasetNameSchema.safeParse(dataset);
    if (!name.success) throw new RequestError(404, "not_found");
    const def = DATASETS[name.data];
    const req = await requestScope(request, slug, (def.extra as z.ZodObject).extend(Format.shape));
    if (!mayExport(req.agency, name.data)) throw new RequestError(404, "not_found");
    const { scope } = req;
    const separator = (req.extra as z.infer<typeof Format>).sep === "comma" ? "," : ";";
    const content = await def.load({
      ...req,
      extra: req.extra as Record<string, unknown>,
      range: { ...scope.period, bucket: scope.bucket },
      accountIds: scope.channels,
    });
    await recordAudit(db(), {
      action: "export",
      agencyId: scope.agency.id,
      actorUserId: (await currentActor()).userId,
      target: `${name.data}.csv`,
      details: { from: scope.period.from, to: scope.period.to, bucket: scope.bucket },
    });
    const filename = `${scope.agency.slug}-${name.data}-${scope.period.from}-${scope.period.to}.csv`;
    if ("stream" in content)
      return csvResponse(
        await streamQueryAsCsv(
          pool(),
          { ...content.stream, header: csvHeader(content.stream.header, scope.lang) },
          { separator },
        ),
        filename,
      );
    const csv = csvStream(content.header, { separator });
    // Bytes, not strings: a web stream of a Response carries Uint8Array chunks.
    const body = Readable.from(
      (async function* () {
        yield Buffer.from(BOM);
        for (const row of content.rows) csv.write(row);
        csv.end();
        for await (const chunk of csv) yield Buffer.from(chunk as string | Buffer);
      })(),
    );
    return csvResponse(body, filename);
  } catch (e) {
    if (e instanceof RequestError) return errorResponse(e, langOf(request));
    throw e;
  }
}
