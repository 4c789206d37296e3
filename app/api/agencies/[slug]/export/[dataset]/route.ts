import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseAgencyRequest } from "@/lib/api/agencyRoute";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/pool";
import { BOM, csvStream } from "@/lib/export/csv";
import { DATASETS, DatasetNameSchema, mayExport } from "@/lib/export/datasets";
import { csvResponse, streamQueryAsCsv } from "@/lib/export/streamQuery";
import { currentActor } from "@/lib/permissions/access";

export const dynamic = "force-dynamic";

const Format = z.object({ sep: z.enum(["semicolon", "comma"]).default("semicolon") });

/**
 * `/api/agencies/<slug>/export/<dataset>?<dashboard filters>&sep=semicolon|comma` — the rows behind a
 * dashboard table or chart as CSV: UTF-8 with BOM, `;` for Norwegian Excel unless `sep=comma`.
 */
export async function GET(request: Request, ctx: { params: Promise<{ slug: string; dataset: string }> }) {
  const { slug, dataset } = await ctx.params;
  const name = DatasetNameSchema.safeParse(dataset);
  if (!name.success) return NextResponse.json({ error: "not_found", message: `No export "${dataset}".` }, { status: 404 });
  const def = DATASETS[name.data];
  const req = await parseAgencyRequest(request, slug, (def.extra as z.ZodObject).extend(Format.shape));
  if (req instanceof Response) return req;
  if (!mayExport(req.agency, name.data)) return NextResponse.json({ error: "not_found", message: `No export "${dataset}".` }, { status: 404 });

  const separator = (req.extra as z.infer<typeof Format>).sep === "comma" ? "," : ";";
  const content = await def.load(req as never);
  await recordAudit(db(), {
    action: "export", agencyId: req.agency.id, actorUserId: (await currentActor()).userId, target: `${name.data}.csv`,
    details: { from: req.range.from, to: req.range.to, bucket: req.range.bucket },
  });
  const filename = `${req.agency.slug}-${name.data}-${req.range.from}-${req.range.to}.csv`;
  if ("stream" in content) return csvResponse(await streamQueryAsCsv(pool(), content.stream, { separator }), filename);
  const csv = csvStream(content.header, { separator });
  const body = Readable.from((async function* () {
    yield BOM;
    for (const row of content.rows) csv.write(row);
    csv.end();
    for await (const chunk of csv) yield chunk;
  })());
  return csvResponse(body, filename);
}
