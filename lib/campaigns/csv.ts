import { z } from "zod";
import type { UiLocale } from "@/lib/format";
import { translator } from "@/lib/intl";
import { issuesText } from "@/lib/intl/zodIssues";
import { localTimeToInstant } from "@/lib/time";

/** One campaign row as entered by hand or imported; counts unknown where left empty. Messages are keys of the "validation" messages. */
const count = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/[\s\u00a0\u202f]/g, "") : v),
  z.union([z.literal("").transform(() => null), z.coerce.number().int().min(0).max(1_000_000_000)]).nullable(),
);

export const CampaignRowSchema = z
  .object({
    name: z.string().trim().min(1, "name_required").max(300),
    sentAt: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, "sent_at_format"),
    sent: count,
    reached: count,
    targetPopulation: count,
    opens: count,
    clicks: count,
  })
  .refine((r) => r.reached === null || r.sent === null || r.reached <= r.sent, {
    message: "reached_over_sent",
    path: ["reached"],
  })
  .refine((r) => r.reached === null || r.targetPopulation === null || r.reached <= r.targetPopulation, {
    message: "reached_over_target",
    path: ["reached"],
  });

export type CampaignRow = z.infer<typeof CampaignRowSchema>;

/** A sent_at as written: with a zone it is that instant; without one, wall-clock time in the agency's zone. */
export function sentAtInstant(text: string, timeZone: string): Date {
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(text)) return new Date(text.replace(" ", "T"));
  const [day, time = "00:00"] = text.split(/[T ]/) as [string, string?];
  const [h, m] = time.split(":").map(Number) as [number, number];
  return localTimeToInstant(day, h, m, timeZone);
}

const COLUMNS: Record<string, keyof z.input<typeof CampaignRowSchema>> = {
  name: "name",
  navn: "name",
  sent_at: "sentAt",
  sendt_tid: "sentAt",
  sent: "sent",
  sendt: "sent",
  reached: "reached",
  naadd: "reached",
  nådd: "reached",
  target: "targetPopulation",
  target_population: "targetPopulation",
  malgruppe: "targetPopulation",
  målgruppe: "targetPopulation",
  opens: "opens",
  apnet: "opens",
  åpnet: "opens",
  clicks: "clicks",
  klikk: "clicks",
};

/** Splits CSV text (`;` as Norwegian Excel writes it, or `,`), honouring double-quoted fields. */
function splitCsv(text: string): string[][] {
  const clean = text.replace(/^\ufeff/, "");
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? "";
  const sep = firstLine.includes(";") ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i]!;
    if (quoted) {
      if (c === '"' && clean[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && clean[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.some((f) => f.trim() !== "")) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== "")) rows.push(row);
  return rows;
}

export type CsvResult = { rows: CampaignRow[]; errors: string[] };

/** Parses an import file; every bad line is reported by its line number and nothing of it is kept. */
export function parseCampaignCsv(text: string, locale: UiLocale = "nb"): CsvResult {
  const t = translator(locale, "validation");
  const [header, ...lines] = splitCsv(text);
  if (!header) return { rows: [], errors: [t("file_empty")] };
  const keys = header.map((h) => COLUMNS[h.trim().toLowerCase()]);
  const missing = (["name", "sentAt"] as const).filter((k) => !keys.includes(k));
  if (missing.length)
    return {
      rows: [],
      errors: [t("header_missing", { missing: missing.map((k) => (k === "sentAt" ? "sent_at" : k)).join(", ") })],
    };
  const rows: CampaignRow[] = [];
  const errors: string[] = [];
  lines.forEach((fields, i) => {
    const raw: Record<string, string> = { sent: "", reached: "", targetPopulation: "", opens: "", clicks: "" };
    keys.forEach((k, j) => {
      if (k) raw[k] = fields[j] ?? "";
    });
    const parsed = CampaignRowSchema.safeParse(raw);
    if (parsed.success) rows.push(parsed.data);
    else errors.push(`${t("line", { n: i + 2 })}: ${issuesText(parsed.error, locale)}`);
  });
  return { rows, errors };
}
