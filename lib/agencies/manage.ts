import { z } from "zod";
import type { Db } from "@/lib/db/client";

/** A time zone the runtime knows by its IANA name (Europe/Oslo, Europe/Stockholm, UTC …). */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z_+\-/0-9]{2,64}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const SlugSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])$/);
export const LocaleSchema = z.enum(["nb", "sv", "en"]);

export type AgencyProblem = "name" | "slug" | "slug_taken" | "time_zone" | "locale" | "parent";

/** Whether `parentId` may become the parent of `agencyId`: not itself, not one of its descendants. */
export async function wouldCycle(db: Db, agencyId: string, parentId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, 1 AS depth FROM agency WHERE id = ${parentId}::uuid
      UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM agency a JOIN up ON a.id = up.parent_id WHERE up.depth < 100
    ) SELECT id FROM up WHERE id = ${agencyId}::uuid LIMIT 1`;
  return rows.length > 0;
}

async function parentOk(db: Db, parentId: string | null, selfId?: string): Promise<boolean> {
  if (!parentId) return true;
  if (!z.uuid().safeParse(parentId).success) return false;
  if (!(await db.agency.findUnique({ where: { id: parentId }, select: { id: true } }))) return false;
  return selfId ? !(await wouldCycle(db, selfId, parentId)) : true;
}

export async function createAgency(
  db: Db,
  input: { name: string; slug: string; timeZone: string; locale: string; parentId: string | null },
): Promise<{ ok: true; id: string } | { ok: false; problems: AgencyProblem[] }> {
  const problems: AgencyProblem[] = [];
  const name = input.name.trim();
  if (!name || name.length > 200) problems.push("name");
  if (!SlugSchema.safeParse(input.slug).success) problems.push("slug");
  else if (await db.agency.findUnique({ where: { slug: input.slug }, select: { id: true } }))
    problems.push("slug_taken");
  if (!isIanaTimeZone(input.timeZone)) problems.push("time_zone");
  const locale = LocaleSchema.safeParse(input.locale);
  if (!locale.success) problems.push("locale");
  if (!(await parentOk(db, input.parentId))) problems.push("parent");
  if (problems.length) return { ok: false, problems };
  try {
    const created = await db.agency.create({
      data: { name, slug: input.slug, timeZone: input.timeZone, locale: locale.data!, parentId: input.parentId },
    });
    return { ok: true, id: created.id };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return { ok: false, problems: ["slug_taken"] };
    throw error;
  }
}

/** Renames and moves an agency in the hierarchy (never under itself or its own descendants). */
export async function updateAgency(
  db: Db,
  id: string,
  input: { name: string; parentId: string | null },
): Promise<{ ok: true } | { ok: false; problems: AgencyProblem[] }> {
  const problems: AgencyProblem[] = [];
  const name = input.name.trim();
  if (!name || name.length > 200) problems.push("name");
  if (!(await parentOk(db, input.parentId, id))) problems.push("parent");
  if (problems.length) return { ok: false, problems };
  await db.agency.update({ where: { id }, data: { name, parentId: input.parentId } });
  return { ok: true };
}

/** Archived agencies stay readable to their members; collection and weekly reports leave them out. */
export async function setArchived(db: Db, id: string, archived: boolean): Promise<void> {
  await db.agency.update({ where: { id }, data: { archivedAt: archived ? new Date() : null } });
}
