import { z } from "zod";
import type { VisibleAgency } from "@/lib/permissions/access";

/**
 * Which agencies an agency's compare view offers: itself, its parent, its children and its
 * siblings, among those the request may see. `slugs` narrows the choice (unknown slugs are ignored).
 */
export function comparableAgencies(agency: VisibleAgency, visible: VisibleAgency[], slugs?: string[]) {
  const related = visible.filter(
    (a) =>
      a.id === agency.id ||
      a.id === agency.parentId ||
      a.parentId === agency.id ||
      (agency.parentId !== null && a.parentId === agency.parentId),
  );
  // A top-level agency without relatives compares with the other top-level agencies (ministries side by side).
  const offered = related.length > 1 ? related : visible.filter((a) => a.parentId === null || a.id === agency.id);
  const named = new Set(slugs);
  const wanted = named.size ? offered.filter((a) => named.has(a.slug)) : offered;
  return { offered, chosen: wanted.length ? wanted : offered };
}

/** The compare view's own parameter: `agency` (repeatable slug). */
export const CompareExtra = z.object({
  agency: z
    .union([z.string().min(1), z.array(z.string().min(1))])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
});
export type CompareExtra = z.infer<typeof CompareExtra>;
