import type { InputKind } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";

/** An agency's keyword rules for pre-labelling likely inputs. */
export async function getKeywordRules(
  db: Db,
  agencyId: string,
): Promise<{ id: string; keyword: string; kind: InputKind }[]> {
  return db.keywordRule.findMany({
    where: { agencyId },
    select: { id: true, keyword: true, kind: true },
    orderBy: { keyword: "asc" },
  });
}
