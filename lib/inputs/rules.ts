import type { InputKind } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { InvalidMoveError } from "./errors";
import { matchRule, normaliseText } from "./keywords";

export async function addKeywordRule(db: Db, agencyId: string, keyword: string, kind: InputKind): Promise<void> {
  const k = normaliseText(keyword.trim()).replace(/\s+/g, " ");
  if (k.replaceAll("*", "").length < 2)
    throw new InvalidMoveError("Nøkkelordet må ha minst to bokstaver.", "keyword_short");
  await db.keywordRule.upsert({
    where: { agencyId_keyword: { agencyId, keyword: k } },
    create: { agencyId, keyword: k, kind },
    update: { kind },
  });
}

export async function removeKeywordRule(db: Db, agencyId: string, id: string): Promise<void> {
  await db.keywordRule.deleteMany({ where: { agencyId, id } });
}

const BATCH = 1_000;

/**
 * Pre-labels replies nobody has decided on yet that match one of the agency's keyword rules as
 * `suggested` (with the rule that matched). People's decisions are never touched.
 */
export async function applyKeywordRules(db: Db, agencyId: string, since?: Date): Promise<number> {
  const rules = await db.keywordRule.findMany({ where: { agencyId }, orderBy: { createdAt: "asc" } });
  if (rules.length === 0) return 0;
  let suggested = 0;
  let cursor: string | undefined;
  for (;;) {
    const replies = await db.reply.findMany({
      // :TRICKY: page by `id > last` rather than a Prisma cursor: the rows just labelled no longer
      // match `triage: none`, and a cursor on a row outside the filter ends the scan early.
      where: {
        agencyId,
        triage: { none: {} },
        ...(since ? { publishedAt: { gte: since } } : {}),
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      select: { id: true, text: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (replies.length === 0) break;
    cursor = replies.at(-1)!.id;
    const rows = replies.flatMap((r) => {
      const rule = matchRule(r.text, rules);
      return rule
        ? [{ agencyId, replyId: r.id, state: "suggested" as const, kind: rule.kind, matchedRule: rule.keyword }]
        : [];
    });
    if (rows.length) suggested += (await db.replyTriage.createMany({ data: rows, skipDuplicates: true })).count;
    if (replies.length < BATCH) break;
  }
  return suggested;
}
